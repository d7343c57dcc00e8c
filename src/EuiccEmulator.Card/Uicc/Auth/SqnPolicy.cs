namespace EuiccEmulator.Card.Uicc.Auth;

/// <summary>
/// How the USIM judges the freshness of a received SQN (3GPP TS 33.102 Annex C.2). The array check of C.2.2 is always
/// applied; the wrap-around limit Δ (C.2.1) and the age limit L (C.2.2) are options, as in SAIP PE-AKAParameter.
/// </summary>
internal sealed record SqnPolicy
{
    /// <summary>Largest SEQ value (SQN is 48 bits, of which <see cref="IndBits"/> are IND).</summary>
    public const ulong MaxSeq = (1UL << (48 - IndBits)) - 1;

    /// <summary>
    /// Number of IND bits: SQN = SEQ || IND with a = 32 array entries (TS 33.102 Annex C.1.2, C.3.2; SAIP
    /// sqnInit has 32 entries).
    /// </summary>
    public const int IndBits = 5;

    /// <summary>Number of SEQ_MS array entries.</summary>
    public const int ArraySize = 1 << IndBits;

    /// <summary>
    /// SAIP default for sqnDelta and sqnAgeLimit ('000010000000'H = 2^28, the value TS 33.102
    /// Annex C.2.1 suggests for Δ).
    /// </summary>
    public const ulong SaipDefaultLimit = 0x000010000000;

    /// <summary>SAIP default sqnOptions ('02'H).</summary>
    public const byte SaipDefaultOptions = 0x02;

    /// <summary>Reject SEQ - SEQ_MS &gt; <see cref="Delta"/> (TS 33.102 Annex C.2.1, protection against wrap around).</summary>
    public bool CheckDelta { get; init; } = true;

    /// <summary>Δ, the largest step forward from the highest accepted SEQ.</summary>
    public ulong Delta { get; init; } = SaipDefaultLimit;

    /// <summary>Reject SEQ_MS - SEQ &gt; <see cref="AgeLimit"/> (TS 33.102 Annex C.2.2, age limit L).</summary>
    public bool CheckAgeLimit { get; init; }

    /// <summary>L, the largest step back from the highest accepted SEQ.</summary>
    public ulong AgeLimit { get; init; } = SaipDefaultLimit;

    /// <summary>Also the policy applied to the usim-test-algorithm, whose sqnOptions SAIP says to ignore.</summary>
    public static SqnPolicy Default { get; } = new();

    /// <summary>
    /// The policy of SAIP PE-AKAParameter sqnOptions / sqnDelta / sqnAgeLimit. sqnOptions bit b2 ('02'H, "SQN wrap around"
    /// in the TS.48 profile description) enables Δ; b3 ('04'H) enables the age limit. Other bits are not interpreted.
    /// </summary>
    public static SqnPolicy FromSaip(byte sqnOptions, ulong sqnDelta, ulong sqnAgeLimit) => new()
    {
        CheckDelta = (sqnOptions & 0x02) != 0,
        Delta = sqnDelta,
        CheckAgeLimit = (sqnOptions & 0x04) != 0,
        AgeLimit = sqnAgeLimit,
    };
}
