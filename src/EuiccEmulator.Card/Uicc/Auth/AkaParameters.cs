namespace EuiccEmulator.Card.Uicc.Auth;

/// <summary>
/// The network-authentication keys and options of one profile's USIM (SAIP PE-AKAParameter): algorithm, K, OPc
/// (Milenage) or TOPc (TUAK), output lengths, the Milenage constants and the SQN policy. Immutable. The algorithm
/// instance (for Milenage the AES key schedule) is built on first use and cached with these parameters, so keep one
/// instance per profile rather than re-creating it per command.
/// </summary>
internal sealed record AkaParameters
{
    private readonly object gate = new();
    private IAkaFunctions? functions;

    private AkaParameters(AkaAlgorithm algorithm, byte[] key, byte[] opc, int resLength, int macLength, int ckLength,
        int ikLength, byte[] rotationConstants, byte[] xoringConstants, int keccakIterations, SqnPolicy sqnPolicy)
    {
        Algorithm = algorithm;
        Key = key;
        Opc = opc;
        ResLength = resLength;
        MacLength = macLength;
        CkLength = ckLength;
        IkLength = ikLength;
        RotationConstants = rotationConstants;
        XoringConstants = xoringConstants;
        KeccakIterations = keccakIterations;
        SqnPolicy = sqnPolicy;
    }

    public AkaAlgorithm Algorithm { get; }

    /// <summary>K: 16 bytes (Milenage, test algorithm) or 16 / 32 bytes (TUAK).</summary>
    public ReadOnlyMemory<byte> Key { get; }

    /// <summary>OPc (Milenage, 16 bytes), TOPc (TUAK, 32 bytes); empty for the test algorithm.</summary>
    public ReadOnlyMemory<byte> Opc { get; }

    /// <summary>RES length in bytes.</summary>
    public int ResLength { get; }

    /// <summary>MAC-A / MAC-S length in bytes; AUTN is SQN⊕AK (6) || AMF (2) || MAC-A.</summary>
    public int MacLength { get; }

    public int CkLength { get; }

    public int IkLength { get; }

    /// <summary>Milenage r1..r5 (5 bytes); empty otherwise.</summary>
    public ReadOnlyMemory<byte> RotationConstants { get; }

    /// <summary>Milenage c1..c5 (80 bytes) or empty for the defaults.</summary>
    public ReadOnlyMemory<byte> XoringConstants { get; }

    /// <summary>TUAK Keccak iterations; 1 otherwise.</summary>
    public int KeccakIterations { get; }

    public SqnPolicy SqnPolicy { get; }

    /// <summary>AUTN length for this algorithm.</summary>
    public int AutnLength => 8 + MacLength;

    /// <summary>Milenage with OPc.</summary>
    public static AkaParameters Milenage(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, SqnPolicy? sqnPolicy = null,
        ReadOnlySpan<byte> rotationConstants = default, ReadOnlySpan<byte> xoringConstants = default)
    {
        // Construct once to validate every argument now rather than at the first AUTHENTICATE.
        var rotation = rotationConstants.IsEmpty ? Auth.Milenage.DefaultRotationConstants.ToArray() : rotationConstants.ToArray();
        using (new Auth.Milenage(k, opc, rotation, xoringConstants)) { }
        return new AkaParameters(AkaAlgorithm.Milenage, k.ToArray(), opc.ToArray(), 8, 8, 16, 16, rotation,
            xoringConstants.ToArray(), 1, sqnPolicy ?? SqnPolicy.Default);
    }

    /// <summary>Milenage with OP: OPc is derived once here (TS 35.206 §4.1).</summary>
    public static AkaParameters MilenageWithOp(ReadOnlySpan<byte> k, ReadOnlySpan<byte> op, SqnPolicy? sqnPolicy = null,
        ReadOnlySpan<byte> rotationConstants = default, ReadOnlySpan<byte> xoringConstants = default) =>
        Milenage(k, Auth.Milenage.ComputeOpc(k, op), sqnPolicy, rotationConstants, xoringConstants);

    /// <summary>TUAK with TOPc.</summary>
    public static AkaParameters Tuak(ReadOnlySpan<byte> k, ReadOnlySpan<byte> topc, int resLength = 8, int macLength = 8,
        int ckLength = 16, int ikLength = 16, int keccakIterations = 1, SqnPolicy? sqnPolicy = null)
    {
        _ = new Auth.Tuak(k, topc, resLength, macLength, ckLength, ikLength, keccakIterations);
        return new AkaParameters(AkaAlgorithm.Tuak, k.ToArray(), topc.ToArray(), resLength, macLength, ckLength, ikLength,
            [], [], keccakIterations, sqnPolicy ?? SqnPolicy.Default);
    }

    /// <summary>TUAK with TOP: TOPc is derived once here (TS 35.231 §6.2).</summary>
    public static AkaParameters TuakWithTop(ReadOnlySpan<byte> k, ReadOnlySpan<byte> top, int resLength = 8, int macLength = 8,
        int ckLength = 16, int ikLength = 16, int keccakIterations = 1, SqnPolicy? sqnPolicy = null) =>
        Tuak(k, Auth.Tuak.ComputeTopc(k, top, keccakIterations), resLength, macLength, ckLength, ikLength, keccakIterations, sqnPolicy);

    /// <summary>The TS 34.108 §8.1.2 test algorithm; SAIP ignores sqnOptions for it, so the default policy applies.</summary>
    public static AkaParameters UsimTestAlgorithm(ReadOnlySpan<byte> k, int resLength = 16, SqnPolicy? sqnPolicy = null)
    {
        _ = new Auth.UsimTestAlgorithm(k, resLength);
        return new AkaParameters(AkaAlgorithm.UsimTestAlgorithm, k.ToArray(), [], resLength, 8, 16, 16, [], [], 1,
            sqnPolicy ?? SqnPolicy.Default);
    }

    /// <summary>
    /// The parameters of a SAIP PE-AKAParameter whose algoConfiguration is algoParameter (SAIP v3.3.1 AlgoParameter,
    /// PE-AKAParameter). <paramref name="opc"/> is OPc for Milenage and TOPc for TUAK, ignored for the test algorithm.
    /// algorithmOptions is read for RES / MAC / CK / IK sizes where the algorithm has a choice (see README). Returns
    /// false with a one-line reason for values this card cannot use.
    /// </summary>
    public static bool TryFromSaip(int algorithmId, byte algorithmOptions, ReadOnlySpan<byte> key, ReadOnlySpan<byte> opc,
        ReadOnlySpan<byte> rotationConstants, ReadOnlySpan<byte> xoringConstants, int numberOfKeccak, byte sqnOptions,
        ReadOnlySpan<byte> sqnDelta, ReadOnlySpan<byte> sqnAgeLimit, out AkaParameters? parameters, out string? error)
    {
        parameters = null;
        error = null;
        if (sqnDelta.Length != 6 || sqnAgeLimit.Length != 6)
        {
            error = "sqnDelta and sqnAgeLimit must be 6 bytes";
            return false;
        }
        var policy = SqnPolicy.FromSaip(sqnOptions, SqnState.ReadUInt48(sqnDelta), SqnState.ReadUInt48(sqnAgeLimit));
        try
        {
            switch ((AkaAlgorithm)algorithmId)
            {
                case AkaAlgorithm.Milenage:
                    parameters = Milenage(key, opc, policy, rotationConstants, xoringConstants);
                    return true;
                case AkaAlgorithm.Tuak:
                    parameters = Tuak(key, opc, ResBytes(algorithmOptions), MacBytes(algorithmOptions),
                        (algorithmOptions & 0x10) != 0 ? 32 : 16, (algorithmOptions & 0x20) != 0 ? 32 : 16,
                        numberOfKeccak, policy);
                    return true;
                case AkaAlgorithm.UsimTestAlgorithm:
                    var res = ResBytes(algorithmOptions);
                    if (res > 16)
                    {
                        error = "the test algorithm's RES is at most 128 bits";
                        return false;
                    }
                    parameters = UsimTestAlgorithm(key, res);
                    return true;
                default:
                    error = $"algorithmID {algorithmId} is not supported";
                    return false;
            }
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }
    }

    // algorithmOptions b2-b1: RES size 32 / 64 / 128 / 256 bits ('02'H = 128 bits for the TS.48 test algorithm).
    private static int ResBytes(byte options) => 4 << (options & 0x03);

    // algorithmOptions b4-b3: MAC size 64 / 128 / 256 bits.
    private static int MacBytes(byte options) => ((options >> 2) & 0x03) switch { 0 => 8, 1 => 16, 2 => 32, _ => -1 };

    internal IAkaFunctions Functions
    {
        get
        {
            if (functions is { } f) return f;
            lock (gate)
            {
                return functions ??= Algorithm switch
                {
                    AkaAlgorithm.Milenage => new Auth.Milenage(Key.Span, Opc.Span, RotationConstants.Span, XoringConstants.Span),
                    AkaAlgorithm.Tuak => new Auth.Tuak(Key.Span, Opc.Span, ResLength, MacLength, CkLength, IkLength, KeccakIterations),
                    _ => new Auth.UsimTestAlgorithm(Key.Span, ResLength),
                };
            }
        }
    }

    public bool Equals(AkaParameters? other) =>
        other is not null && Algorithm == other.Algorithm && Key.Span.SequenceEqual(other.Key.Span) &&
        Opc.Span.SequenceEqual(other.Opc.Span) && ResLength == other.ResLength && MacLength == other.MacLength &&
        CkLength == other.CkLength && IkLength == other.IkLength &&
        RotationConstants.Span.SequenceEqual(other.RotationConstants.Span) &&
        XoringConstants.Span.SequenceEqual(other.XoringConstants.Span) && KeccakIterations == other.KeccakIterations &&
        SqnPolicy == other.SqnPolicy;

    public override int GetHashCode() => HashCode.Combine(Algorithm, Key.Length, ResLength, SqnPolicy);

    // Keys stay out of logs.
    public override string ToString() => $"AkaParameters({Algorithm}, K {Key.Length * 8} bits, RES {ResLength * 8} bits)";
}
