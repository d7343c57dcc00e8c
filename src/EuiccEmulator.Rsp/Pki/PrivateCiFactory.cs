using System.Security.Cryptography.X509Certificates;
using EuiccEmulator.Rsp.Pki.Internal;

namespace EuiccEmulator.Rsp.Pki;

/// <summary>Names, curve and EID prefix of a private CI and its EUM.</summary>
public sealed record PrivateCiOptions
{
    /// <summary>The curve of both keys.</summary>
    public EcCurve Curve { get; init; } = EcCurve.NistP256;

    /// <summary>EIDs the EUM may certify must start with this (SGP.29 digits).</summary>
    public string EidPrefix { get; init; } = "89049032";

    /// <summary>Subject CN of the CI.</summary>
    public string CiCommonName { get; init; } = "EuiccEmulator Test CI";

    /// <summary>Subject O of the CI.</summary>
    public string CiOrganization { get; init; } = "EuiccEmulator TEST";

    /// <summary>Subject CN of the EUM.</summary>
    public string EumCommonName { get; init; } = "EuiccEmulator Test EUM";

    /// <summary>Subject O of the EUM; the card certificates it issues carry it.</summary>
    public string EumOrganization { get; init; } = "EuiccEmulator Test EUM";

    /// <summary>Country of both subjects; ZZ is a user-assigned ISO 3166 code, so never a real country.</summary>
    public string Country { get; init; } = "ZZ";

    // 2.999 is the ITU-T X.660 example arc; SGP.26 uses 2.999.1 (CI) and 2.999.5 (EUM) as well.
    /// <summary>SAN registeredID of the CI.</summary>
    public string CiRegisteredId { get; init; } = "2.999.1";

    /// <summary>SAN registeredID of the EUM.</summary>
    public string EumRegisteredId { get; init; } = "2.999.5";

    /// <summary>The clock for the validity periods.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>Creates a private CI and EUM profiled like the SGP.26 test ones.</summary>
public static class PrivateCiFactory
{
    /// <summary>Mints a CI and an EUM under it, with fresh keys.</summary>
    public static CiBundle Create(PrivateCiOptions? options = null)
    {
        options ??= new PrivateCiOptions();
        var prefix = options.EidPrefix;
        if (prefix.Length is < 1 or > 30 || !prefix.All(char.IsAsciiDigit))
            throw new ArgumentException("the EID prefix is 1 to 30 decimal digits", nameof(options));

        var now = options.Time.GetUtcNow();
        using var ciKey = EcSigningKey.Generate(options.Curve);
        using var eumKey = EcSigningKey.Generate(options.Curve);
        var ciSpki = ciKey.Ecdsa.ExportSubjectPublicKeyInfo();
        var eumSpki = eumKey.Ecdsa.ExportSubjectPublicKeyInfo();
        var ciSki = CertificateMint.KeyIdentifier(ciSpki);
        var eumSki = CertificateMint.KeyIdentifier(eumSpki);

        // SGP.26 CI subject order: CN, OU, O, C.
        var ciName = new X500DistinguishedNameBuilder();
        ciName.AddCommonName(options.CiCommonName);
        ciName.AddOrganizationalUnitName("TESTCERT");
        ciName.AddOrganizationName(options.CiOrganization);
        ciName.AddCountryOrRegion(options.Country);
        var ciSubject = ciName.Build().RawData;

        // SGP.22 §4.5.2.0.1 CI profile; extension order as in SGP.26 CERT_CI_ECDSA_*.
        var ci = CertificateMint.Issue(
            ciSubject,
            ciKey.Ecdsa,
            ciSubject,
            ciSpki,
            now.AddDays(-1),
            now.AddYears(35),
            [
                CertificateMint.SubjectKeyIdentifier(ciSki),
                CertificateMint.CaConstraint(pathLength: null),
                CertificateMint.Policy(RspRole.Ci),
                CertificateMint.KeyUsage(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign),
                CertificateMint.RegisteredId(options.CiRegisteredId),
            ],
            serialBytes: 8);

        // SGP.26 EUM subject order: C, O, CN.
        var eumName = new X500DistinguishedNameBuilder();
        eumName.AddCountryOrRegion(options.Country);
        eumName.AddOrganizationName(options.EumOrganization);
        eumName.AddCommonName(options.EumCommonName);

        // SGP.22 §4.5.2.1.0.2 EUM profile; extension order as in SGP.26 CERT_EUM_ECDSA_NIST.
        var eum = CertificateMint.Issue(
            ciSubject,
            ciKey.Ecdsa,
            eumName.Build().RawData,
            eumSpki,
            now.AddDays(-1),
            now.AddYears(34),
            [
                CertificateMint.AuthorityKeyIdentifier(ciSki),
                CertificateMint.SubjectKeyIdentifier(eumSki),
                CertificateMint.KeyUsage(X509KeyUsageFlags.KeyCertSign),
                CertificateMint.Policy(RspRole.Eum),
                CertificateMint.RegisteredId(options.EumRegisteredId),
                CertificateMint.CaConstraint(pathLength: 0),
                CertificateMint.EumNameConstraint(options.EumOrganization, prefix),
            ],
            serialBytes: 8);

        return CiBundle.FromParts(ci, ciKey.ExportPkcs8(), eum, eumKey.ExportPkcs8());
    }

    /// <summary>Creates a CI and writes ci.der, ci.key.pem, eum.der, eum.key.pem into <paramref name="directory"/>.</summary>
    public static CiBundle CreateInDirectory(string directory, PrivateCiOptions? options = null)
    {
        var bundle = Create(options);
        bundle.Save(directory);
        return bundle;
    }
}
