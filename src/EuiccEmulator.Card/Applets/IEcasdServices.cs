using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Card.Applets;

/// <summary>What the ISD-R may ask of the ECASD. Private keys stay behind this interface.</summary>
// SGP.22 §2.4.2: the ECASD signs with SK.EUICC and holds the CI keys.
public interface IEcasdServices
{
    /// <summary>The card's EID.</summary>
    Eid Eid { get; }

    /// <summary>SKIs of every CI the card verifies with (euiccCiPKIdListForVerification).</summary>
    IReadOnlyList<ReadOnlyMemory<byte>> VerificationCiSkis { get; }

    /// <summary>SKIs of the CIs the card holds a certificate chain under (euiccCiPKIdListForSigning).</summary>
    IReadOnlyList<ReadOnlyMemory<byte>> SigningCiSkis { get; }

    /// <summary>CERT.EUICC.ECDSA of the chain under the given CI (empty: the first chain).</summary>
    ReadOnlyMemory<byte> EuiccCertificate(ReadOnlySpan<byte> ciSki = default);

    /// <summary>CERT.EUM.ECDSA of the chain under the given CI (empty: the first chain).</summary>
    ReadOnlyMemory<byte> EumCertificate(ReadOnlySpan<byte> ciSki = default);

    /// <summary>Plain r||s ECDSA-SHA256 signature with SK.EUICC of the chain under the given CI.</summary>
    byte[] Sign(ReadOnlySpan<byte> data, ReadOnlySpan<byte> ciSki);

    /// <summary>The signing chain under the CI with this SKI, or null when the card has none.</summary>
    EcasdChain? FindChain(ReadOnlySpan<byte> ciSubjectKeyId);

    /// <summary>The trusted CI certificate with this SKI, or empty.</summary>
    ReadOnlyMemory<byte> FindTrustedCi(ReadOnlySpan<byte> ciSubjectKeyId);

    /// <summary>A fresh one-time ECKA key pair (otSK/otPK.EUICC.ECKA) on the curve.</summary>
    EcdhKeyPair GenerateEphemeralKeyPair(EcCurve curve);
}
