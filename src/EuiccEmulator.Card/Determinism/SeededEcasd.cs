using System.Security.Cryptography;
using EuiccEmulator.Card.Applets;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Pki.Internal.BouncyCastle;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Math;

namespace EuiccEmulator.Card.Determinism;

/// <summary>
/// The ECASD of a card run with a seed (golden transcripts, <c>serve --deterministic</c>): signatures use the
/// RFC 6979 nonce and one-time ECKA keys come from the seeded generator, so equal commands give equal responses.
/// TEST ONLY: a predictable otSK.EUICC.ECKA gives away the session keys.
/// </summary>
internal sealed class SeededEcasd : IEcasdServices, IDisposable
{
    private readonly EcasdDomain _inner;
    private readonly CardIdentityRecord _identity;
    private readonly Func<int, byte[]> _random;

    public SeededEcasd(EcasdDomain inner, CardIdentityRecord identity, Func<int, byte[]> random)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(identity);
        _inner = inner;
        _identity = identity;
        _random = random;
    }

    public Eid Eid => _inner.Eid;

    public IReadOnlyList<ReadOnlyMemory<byte>> VerificationCiSkis => _inner.VerificationCiSkis;

    public IReadOnlyList<ReadOnlyMemory<byte>> SigningCiSkis => _inner.SigningCiSkis;

    public ReadOnlyMemory<byte> EuiccCertificate(ReadOnlySpan<byte> ciSki = default) => _inner.EuiccCertificate(ciSki);

    public ReadOnlyMemory<byte> EumCertificate(ReadOnlySpan<byte> ciSki = default) => _inner.EumCertificate(ciSki);

    public EcasdChain? FindChain(ReadOnlySpan<byte> ciSubjectKeyId) => _inner.FindChain(ciSubjectKeyId);

    public ReadOnlyMemory<byte> FindTrustedCi(ReadOnlySpan<byte> ciSubjectKeyId) => _inner.FindTrustedCi(ciSubjectKeyId);

    /// <summary>ECDSA-SHA256 r||s with the RFC 6979 nonce.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data, ReadOnlySpan<byte> ciSki)
    {
        var chain = ciSki.IsEmpty ? _inner.DefaultChain
            : _inner.FindChain(ciSki) ?? throw new ArgumentException("no signing chain under that CI");
        return BcEcdsa.SignRs(_identity.SigningChains[chain.Index].EuiccPrivateKeyPkcs8, data, deterministic: true);
    }

    /// <summary>A one-time ECKA key pair whose private scalar comes from the seeded generator.</summary>
    public EcdhKeyPair GenerateEphemeralKeyPair(EcCurve curve)
    {
        var domain = ECNamedCurveTable.GetByOid(new DerObjectIdentifier(curve.Oid()))
            ?? throw new InvalidOperationException($"BouncyCastle lacks {curve}");
        BigInteger d;
        do d = new BigInteger(1, _random(EcCurves.FieldBytes));
        while (d.SignValue == 0 || d.CompareTo(domain.N) >= 0);
        var q = domain.G.Multiply(d).Normalize();
        var parameters = new ECParameters
        {
            Curve = curve.ToNamedCurve(),
            D = d.ToByteArrayUnsigned().PadLeft(EcCurves.FieldBytes),
            Q = new ECPoint
            {
                X = q.AffineXCoord.GetEncoded(),
                Y = q.AffineYCoord.GetEncoded(),
            },
        };
        return EcdhKeyPair.Import(curve, parameters);
    }

    public void Dispose() => _inner.Dispose();
}

internal static class ByteArrayPadding
{
    public static byte[] PadLeft(this byte[] value, int length)
    {
        if (value.Length >= length) return value;
        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }
}
