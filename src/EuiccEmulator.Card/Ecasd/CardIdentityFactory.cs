using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Ecasd;

/// <summary>Which CIs a new card identity is issued under and trusts.</summary>
public sealed record CardIdentityOptions
{
    /// <summary>Issuers of the signing chains, one per CI; null = the embedded SGP.26 NIST CI + EUM.</summary>
    public IReadOnlyList<CiBundle>? Chains { get; init; }

    /// <summary>Trust the SGP.26 NIST and BRP test CIs for verification (in addition to the chains' CIs).</summary>
    public bool TrustSgp26Cis { get; init; } = true;

    /// <summary>Further CI certificates (DER) the card verifies with.</summary>
    public IReadOnlyList<byte[]> AdditionalTrustedCis { get; init; } = [];

    /// <summary>CN of CERT.EUICC.</summary>
    public string CommonName { get; init; } = "Test eUICC";

    /// <summary>The clock for the certificates' validity period.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>Mints a card identity: a fresh eUICC key pair and CERT.EUICC per signing chain.</summary>
// SGP.22 §4.5.2.1.0.3 (CERT.EUICC.ECDSA) and §2.4.2 (ECASD content).
public static class CardIdentityFactory
{
    /// <summary>Mints an identity for the EID: one key pair and CERT.EUICC per chain; the EID must fit each EUM's prefix.</summary>
    public static CardIdentityRecord Create(Eid eid, CardIdentityOptions? options = null)
    {
        options ??= new CardIdentityOptions();
        if (eid.Digits == new string('0', 32))
            throw new ArgumentException("EID is unset", nameof(eid));
        var chains = options.Chains ?? [TestPki.Sgp26Nist];
        if (chains.Count == 0)
            throw new ArgumentException("at least one signing chain is needed", nameof(options));

        var signing = new List<SigningChain>(chains.Count);
        foreach (var issuer in chains)
        {
            if (signing.Any(c => c.CiSubjectKeyId.AsSpan().SequenceEqual(issuer.CiSubjectKeyId.Span)))
            {
                throw new ArgumentException($"two signing chains under the same CI {Convert.ToHexString(issuer.CiSubjectKeyId.Span)}",
                    nameof(options));
            }
            using var key = EcSigningKey.Generate(issuer.EumCurve);
            // Backdated a day so that a peer with a slightly late clock still accepts it.
            var certificate = issuer.IssueEuiccCertificate(eid, key.PublicKey.ToSubjectPublicKeyInfo(), options.CommonName,
                options.Time.GetUtcNow().AddDays(-1));
            signing.Add(new SigningChain(issuer.CiSubjectKeyId.ToArray(), certificate, issuer.EumCertificate.ToArray(), key.ExportPkcs8()));
        }

        var trusted = new List<byte[]>();
        var trustedSkis = new List<byte[]>();
        void Trust(byte[] ci)
        {
            var ski = CertificateVerifierSki(ci);
            if (!trustedSkis.Any(s => s.AsSpan().SequenceEqual(ski)))
            {
                trustedSkis.Add(ski);
                trusted.Add(ci);
            }
        }
        if (options.TrustSgp26Cis)
        {
            Trust(TestPki.CiCertificate(EcCurve.NistP256));
            Trust(TestPki.CiCertificate(EcCurve.BrainpoolP256r1));
        }
        foreach (var issuer in chains)
            Trust(issuer.CiCertificate.ToArray());
        foreach (var ci in options.AdditionalTrustedCis)
            Trust(ci);

        return new CardIdentityRecord(eid.Digits, signing, trusted);
    }

    /// <summary>Mints an identity for a random EID inside the first chain's EUM prefix.</summary>
    public static CardIdentityRecord CreateRandom(CardIdentityOptions? options = null, Random? random = null)
    {
        var first = options?.Chains is { Count: > 0 } c ? c[0] : TestPki.Sgp26Nist;
        var prefix = first.EidPrefix.Length is > 0 and <= 30 ? first.EidPrefix : EidGenerator.DefaultPrefix;
        return Create(EidGenerator.Generate(prefix, random), options);
    }

    private static byte[] CertificateVerifierSki(byte[] ci)
    {
        var parsed = EuiccEmulator.Rsp.Pki.Internal.X509Der.Split(ci);
        return parsed.Find(RspOids.SubjectKeyIdentifier) is { } ski
            ? EuiccEmulator.Rsp.Pki.Internal.X509Der.ReadSubjectKeyId(ski.Value)
            : throw new ArgumentException("a trusted CI certificate has no subjectKeyIdentifier");
    }
}
