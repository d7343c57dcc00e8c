using System.Text;

namespace EuiccEmulator.Peers;

/// <summary>The four pieces of an ES9+ InitiateAuthentication answer, each a complete TLV as the LPA passes it on.</summary>
/// <param name="ServerSigned1">30 ServerSigned1.</param>
/// <param name="ServerSignature1">5F37 40 r||s.</param>
/// <param name="EuiccCiPkIdToBeUsed">04 SubjectKeyIdentifier.</param>
/// <param name="ServerCertificate">30 CERT.DPauth.</param>
public sealed record InitiateAuthenticationPieces(
    byte[] TransactionId, byte[] ServerSigned1, byte[] ServerSignature1, byte[] EuiccCiPkIdToBeUsed, byte[] ServerCertificate);

public sealed partial class TestSmdp
{
    /// <summary>
    /// The SM-DP+ side of ES9+ InitiateAuthentication: a new session whose ctxParams1 the LPA will build, so
    /// <see cref="VerifyAuthenticateServerResponse"/> takes ctxParams1 (and the matchingId) from what the card signed.
    /// </summary>
    // SGP.22 §5.6.1 InitiateAuthentication; §6.5.2.6 JSON fields are these TLVs in base64.
    public InitiateAuthenticationPieces InitiateAuthentication(ReadOnlySpan<byte> euiccChallenge, SmdpFaults? faults = null)
    {
        var bf38 = BuildAuthenticateServerRequest(euiccChallenge, null, null, faults);
        _ctxParams1 = null;
        var parts = TlvCodec.ReadSingle(bf38).Children();
        return new InitiateAuthenticationPieces(_transactionId!.ToArray(), parts[0].Raw.ToArray(), parts[1].Raw.ToArray(),
            parts[2].Raw.ToArray(), parts[3].Raw.ToArray());
    }

    /// <summary>ctxParamsForCommonAuthentication (A0) { 80 matchingId?, A1 deviceInfo }: the matchingId, or null.</summary>
    private static string? MatchingIdOf(Tlv ctxParams1)
    {
        foreach (var field in ctxParams1.Children())
        {
            if (field.Tag == 0x80) return Encoding.UTF8.GetString(field.Value.Span);
        }
        return null;
    }
}
