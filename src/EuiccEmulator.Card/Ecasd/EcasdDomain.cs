using EuiccEmulator.Card.Applets;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Pki.Internal;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Ecasd;

/// <summary>One signing chain as the ISD-R sees it: certificates and curve, never the key.</summary>
public sealed class EcasdChain
{
    internal EcasdChain(int index, byte[] ciSki, byte[] euicc, byte[] eum, EcPublicKey publicKey)
    {
        Index = index;
        CiSubjectKeyId = ciSki;
        EuiccCertificate = euicc;
        EumCertificate = eum;
        EuiccPublicKey = publicKey;
    }

    /// <summary>euiccCiPKId of the CI this chain belongs to.</summary>
    public ReadOnlyMemory<byte> CiSubjectKeyId { get; }

    /// <summary>CERT.EUICC.ECDSA (DER).</summary>
    public ReadOnlyMemory<byte> EuiccCertificate { get; }

    /// <summary>CERT.EUM.ECDSA (DER).</summary>
    public ReadOnlyMemory<byte> EumCertificate { get; }

    /// <summary>PK.EUICC.ECDSA of this chain.</summary>
    public EcPublicKey EuiccPublicKey { get; }

    /// <summary>The session curve when this chain is chosen.</summary>
    public EcCurve Curve => EuiccPublicKey.Curve;

    internal int Index { get; }
}

/// <summary>
/// The ECASD: holds the card identity, signs with SK.EUICC.ECDSA and verifies with the trusted CIs.
/// The private keys are imported once and never leave this object.
/// </summary>
// SGP.22 §2.4.2: the ECASD holds SK.EUICC, CERT.EUICC, CERT.EUM and PK.CI; the ISD-R uses it for signing and verification.
internal sealed class EcasdDomain : IEcasdServices, IDisposable
{
    private readonly EcSigningKey[] _keys;
    private readonly EcasdChain[] _chains;
    private readonly byte[][] _trustedCis;
    private readonly byte[][] _trustedSkis;

    public EcasdDomain(CardIdentityRecord identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Eid = Eid.Parse(identity.Eid);
        if (identity.SigningChains.Count == 0)
            throw new ArgumentException("the identity has no signing chain", nameof(identity));

        _keys = new EcSigningKey[identity.SigningChains.Count];
        _chains = new EcasdChain[identity.SigningChains.Count];
        try
        {
            for (var i = 0; i < _chains.Length; i++)
            {
                var c = identity.SigningChains[i];
                _keys[i] = EcSigningKey.ImportPkcs8(c.EuiccPrivateKeyPkcs8);
                var certKey = EcPublicKey.FromCertificate(c.EuiccCertificate);
                if (!certKey.Equals(_keys[i].PublicKey))
                    throw new ArgumentException($"signing chain {i}: SK.EUICC does not match CERT.EUICC", nameof(identity));
                _chains[i] = new EcasdChain(i, [.. c.CiSubjectKeyId], [.. c.EuiccCertificate], [.. c.EumCertificate], certKey);
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        _trustedCis = [.. identity.TrustedCiCertificates.Select(c => c.ToArray())];
        _trustedSkis = [.. _trustedCis.Select(ReadSki)];
        SigningCiSkis = [.. _chains.Select(c => c.CiSubjectKeyId)];
        VerificationCiSkis = [.. _trustedSkis.Select(s => (ReadOnlyMemory<byte>)s)];
        TrustedCiCertificates = [.. _trustedCis.Select(c => (ReadOnlyMemory<byte>)c)];
    }

    public Eid Eid { get; }

    public IReadOnlyList<EcasdChain> Chains => _chains;

    public EcasdChain DefaultChain => _chains[0];

    /// <summary>euiccCiPKIdListForSigning: SKIs of the signing chains' CIs.</summary>
    // SGP.22 §4.3 EUICCInfo1.euiccCiPKIdListForSigning
    public IReadOnlyList<ReadOnlyMemory<byte>> SigningCiSkis { get; }

    /// <summary>euiccCiPKIdListForVerification: SKIs of all trusted CIs.</summary>
    // SGP.22 §4.3 EUICCInfo1.euiccCiPKIdListForVerification
    public IReadOnlyList<ReadOnlyMemory<byte>> VerificationCiSkis { get; }

    public IReadOnlyList<ReadOnlyMemory<byte>> TrustedCiCertificates { get; }

    /// <summary>The signing chain under the CI with this SKI, or null.</summary>
    public EcasdChain? FindChain(ReadOnlySpan<byte> ciSubjectKeyId)
    {
        foreach (var c in _chains)
        {
            if (c.CiSubjectKeyId.Span.SequenceEqual(ciSubjectKeyId))
                return c;
        }
        return null;
    }

    /// <summary>The trusted CI certificate with this SKI, or empty.</summary>
    public ReadOnlyMemory<byte> FindTrustedCi(ReadOnlySpan<byte> ciSubjectKeyId)
    {
        for (var i = 0; i < _trustedSkis.Length; i++)
        {
            if (_trustedSkis[i].AsSpan().SequenceEqual(ciSubjectKeyId))
                return _trustedCis[i];
        }
        return ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>Signs with SK.EUICC.ECDSA of <paramref name="chain"/>: r||s, 64 bytes.</summary>
    // SGP.22 §2.6.5 (docs/crypto.md#signature-encoding): ECDSA-SHA256, plain r||s.
    public byte[] Sign(EcasdChain chain, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Index >= _chains.Length || !ReferenceEquals(_chains[chain.Index], chain))
            throw new ArgumentException("the chain belongs to another ECASD", nameof(chain));
        return _keys[chain.Index].Sign(data);
    }

    /// <summary>Signs with the default (first) chain.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _keys[0].Sign(data);

    public ReadOnlyMemory<byte> EuiccCertificate(ReadOnlySpan<byte> ciSki = default) => ChainFor(ciSki).EuiccCertificate;

    public ReadOnlyMemory<byte> EumCertificate(ReadOnlySpan<byte> ciSki = default) => ChainFor(ciSki).EumCertificate;

    public byte[] Sign(ReadOnlySpan<byte> data, ReadOnlySpan<byte> ciSki) => Sign(ChainFor(ciSki), data);

    private EcasdChain ChainFor(ReadOnlySpan<byte> ciSki) =>
        ciSki.IsEmpty ? DefaultChain : FindChain(ciSki) ?? throw new ArgumentException("no signing chain under that CI");

    /// <summary>Verifies an r||s ECDSA-SHA256 signature with a public key.</summary>
    public static bool Verify(EcPublicKey publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureRs)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return publicKey.Verify(data, signatureRs);
    }

    /// <summary>Verifies an r||s ECDSA-SHA256 signature with the key of a DER certificate.</summary>
    public static bool Verify(ReadOnlySpan<byte> certificate, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureRs) =>
        EcPublicKey.FromCertificate(certificate).Verify(data, signatureRs);

    /// <summary>A fresh one-time ECKA key pair (otSK/otPK.EUICC.ECKA).</summary>
    // SGP.22 §5.7.14 PrepareDownload: generated on the curve of the session.
    public EcdhKeyPair GenerateEphemeralKeyPair(EcCurve curve) => EcdhKeyPair.Generate(curve);

    public void Dispose()
    {
        foreach (var k in _keys)
            k?.Dispose();
    }

    private static byte[] ReadSki(byte[] ci)
    {
        var parsed = X509Der.Split(ci);
        return parsed.Find(RspOids.SubjectKeyIdentifier) is { } ski
            ? X509Der.ReadSubjectKeyId(ski.Value)
            : throw new ArgumentException("a trusted CI certificate has no subjectKeyIdentifier");
    }
}
