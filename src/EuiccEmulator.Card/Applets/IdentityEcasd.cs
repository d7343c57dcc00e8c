using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EuiccEmulator.Core.State;
using EuiccEmulator.Core.Values;

namespace EuiccEmulator.Card.Applets;

/// <summary>ECASD services over a stored identity; keys are imported once and never handed out.</summary>
public sealed class IdentityEcasd : IEcasdServices, IDisposable
{
    private readonly List<(SigningChain Chain, ECDsa Key)> _chains = [];

    public IdentityEcasd(CardIdentityRecord identity)
    {
        if (identity.SigningChains.Count == 0) throw new ArgumentException("identity has no signing chain", nameof(identity));
        Eid = Eid.Parse(identity.Eid);
        foreach (var chain in identity.SigningChains)
        {
            var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(chain.EuiccPrivateKeyPkcs8, out _);
            _chains.Add((chain, key));
        }
        SigningCiSkis = [.. identity.SigningChains.Select(c => c.CiSubjectKeyId)];
        var verification = new List<byte[]>();
        foreach (var der in identity.TrustedCiCertificates)
        {
            var ski = SubjectKeyId(der);
            if (!verification.Any(s => s.AsSpan().SequenceEqual(ski))) verification.Add(ski);
        }
        VerificationCiSkis = verification;
    }

    public Eid Eid { get; }

    public IReadOnlyList<byte[]> VerificationCiSkis { get; }

    public IReadOnlyList<byte[]> SigningCiSkis { get; }

    public byte[] EuiccCertificate(ReadOnlySpan<byte> ciSki = default) => Find(ciSki).Chain.EuiccCertificate;

    public byte[] EumCertificate(ReadOnlySpan<byte> ciSki = default) => Find(ciSki).Chain.EumCertificate;

    // SGP.22 §2.6.5 / BSI TR-03111: signatures on the wire are plain r||s.
    public byte[] Sign(ReadOnlySpan<byte> data, ReadOnlySpan<byte> ciSki = default) =>
        Find(ciSki).Key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public static byte[] SubjectKeyId(byte[] certificateDer)
    {
        using var cert = X509CertificateLoader.LoadCertificate(certificateDer);
        var extension = cert.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()
            ?? throw new ArgumentException($"certificate {cert.Subject} has no subject key identifier");
        return extension.SubjectKeyIdentifierBytes.ToArray();
    }

    private (SigningChain Chain, ECDsa Key) Find(ReadOnlySpan<byte> ciSki)
    {
        if (ciSki.IsEmpty) return _chains[0];
        foreach (var entry in _chains)
            if (entry.Chain.CiSubjectKeyId.AsSpan().SequenceEqual(ciSki)) return entry;
        throw new ArgumentException("no signing chain under that CI");
    }

    public void Dispose()
    {
        foreach (var (_, key) in _chains) key.Dispose();
    }
}
