namespace EuiccEmulator.Card.Uicc.Auth;

/// <summary>
/// The authentication functions of one subscriber (3GPP TS 33.102 §6.3.2): f1 (MAC-A), f1* (MAC-S), f2 (RES), f3 (CK),
/// f4 (IK), f5 (AK), f5* (AK for resynchronisation). Implementations keep scratch state and are not thread-safe.
/// </summary>
internal interface IAkaFunctions
{
    int ResLength { get; }

    int MacLength { get; }

    int CkLength { get; }

    int IkLength { get; }

    /// <summary>f2, f3, f4 and f5 of one RAND; called first for a RAND, so f1 / f1* / f5* may reuse work done for it.</summary>
    void F2345(ReadOnlySpan<byte> rand, Span<byte> res, Span<byte> ck, Span<byte> ik, Span<byte> ak);

    void F1(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> macA);

    void F1Star(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> macS);

    void F5Star(ReadOnlySpan<byte> rand, Span<byte> ak);
}
