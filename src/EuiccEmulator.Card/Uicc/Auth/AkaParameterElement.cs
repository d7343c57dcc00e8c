using System.Formats.Asn1;

namespace EuiccEmulator.Card.Uicc.Auth;

/// <summary>
/// The content of one SAIP PE-AKAParameter: either the NAA's own keys (algoParameter) or a reference to the NAA
/// whose keys and SQN it shares (mappingParameter), plus the initial SQN array.
/// </summary>
// SAIP v3.3.1 PE-AKAParameter, AlgoParameter, MappingParameter (tests/data/asn1/PEDefinitions_SAIP_v3.3.1.asn).
internal sealed class AkaParameterElement
{
    private static readonly byte[] DefaultLimit = [0x00, 0x00, 0x10, 0x00, 0x00, 0x00];

    private AkaParameterElement(AkaParameters? parameters, byte[]? mappingSource, SqnState initialSqn)
    {
        Parameters = parameters;
        MappingSource = mappingSource;
        InitialSqn = initialSqn;
    }

    /// <summary>The keys of an algoParameter PE; null for a mappingParameter PE.</summary>
    public AkaParameters? Parameters { get; }

    /// <summary>The AID of the NAA whose keys and SQN state this NAA uses (mappingParameter); null otherwise.</summary>
    public byte[]? MappingSource { get; }

    /// <summary>SQN state before the first AUTHENTICATE (sqnInit, default all zeros).</summary>
    public SqnState InitialSqn { get; }

    /// <summary>Reads the PE's content (what follows its tag and length); false with a reason for values the card cannot use.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> content, out AkaParameterElement? element, out string? error)
    {
        element = null;
        error = null;
        try
        {
            var pe = new AsnReader(content, AsnEncodingRules.BER);
            pe.ReadSequence(Context(0)); // aka-header
            // algoConfiguration: a CHOICE under AUTOMATIC TAGS is explicitly tagged [1].
            var choice = pe.ReadSequence(Context(1));
            var alternative = choice.PeekTag();
            byte[]? mapping = null;
            AlgoFields? algo = null;
            if (alternative.HasSameClassAndValue(Context(0)))
            {
                var m = choice.ReadSequence(Context(0));
                m.ReadOctetString(Context(0)); // mappingOptions: no option changes what the card computes
                mapping = m.ReadOctetString(Context(1));
            }
            else if (alternative.HasSameClassAndValue(Context(1)))
            {
                algo = ReadAlgo(choice.ReadSequence(Context(1)));
            }
            else
            {
                error = "PE-AKAParameter: unknown algoConfiguration";
                return false;
            }
            var sqnOptions = Optional(pe, 2) ?? [0x02];
            var sqnDelta = Optional(pe, 3) ?? DefaultLimit;
            var sqnAgeLimit = Optional(pe, 4) ?? DefaultLimit;
            var sqn = SqnState.Initial;
            if (pe.HasData && pe.PeekTag().HasSameClassAndValue(Context(5)))
            {
                var list = pe.ReadSequence(Context(5));
                var values = new List<ReadOnlyMemory<byte>>(SqnPolicy.ArraySize);
                while (list.HasData) values.Add(list.ReadOctetString());
                sqn = SqnState.FromSaipSqnInit(values);
            }
            if (sqnOptions.Length != 1)
            {
                error = "PE-AKAParameter: sqnOptions is not one byte";
                return false;
            }
            if (mapping is not null)
            {
                element = new AkaParameterElement(null, mapping, sqn);
                return true;
            }
            var a = algo!;
            if (!AkaParameters.TryFromSaip(a.AlgorithmId, a.Options, a.Key, a.Opc, a.Rotation, a.Xoring, a.Keccak,
                    sqnOptions[0], sqnDelta, sqnAgeLimit, out var parameters, out error))
            {
                return false;
            }

            element = new AkaParameterElement(parameters, null, sqn);
            return true;
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException)
        {
            error = "PE-AKAParameter: " + e.Message;
            return false;
        }
    }

    private sealed record AlgoFields(int AlgorithmId, byte Options, byte[] Key, byte[] Opc, byte[] Rotation, byte[] Xoring, int Keccak);

    private static AlgoFields ReadAlgo(AsnReader r)
    {
        if (!r.TryReadInt32(out var id, Context(0))) throw new AsnContentException("algorithmID out of range");
        var options = r.ReadOctetString(Context(1));
        if (options.Length != 1) throw new AsnContentException("algorithmOptions is not one byte");
        var key = r.ReadOctetString(Context(2));
        var opc = r.ReadOctetString(Context(3));
        // Empty means the Milenage defaults (r1..r5 = 64, 0, 32, 64, 96 bits; c1..c5 of TS 35.206 §4.1).
        var rotation = Optional(r, 4) ?? [];
        var xoring = Optional(r, 5) ?? [];
        Optional(r, 6); // authCounterMax: the card keeps no authentication counter
        var keccak = 1;
        if (r.HasData && r.PeekTag().HasSameClassAndValue(Context(7)) && !r.TryReadInt32(out keccak, Context(7)))
            throw new AsnContentException("numberOfKeccak out of range");
        return new AlgoFields(id, options[0], key, opc, rotation, xoring, keccak);
    }

    private static byte[]? Optional(AsnReader r, int tag) =>
        r.HasData && r.PeekTag().HasSameClassAndValue(Context(tag)) ? r.ReadOctetString(Context(tag)) : null;

    private static Asn1Tag Context(int n) => new(TagClass.ContextSpecific, n);
}
