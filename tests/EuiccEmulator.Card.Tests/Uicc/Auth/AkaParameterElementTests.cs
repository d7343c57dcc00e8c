using System.Formats.Asn1;
using EuiccEmulator.Card.Uicc.Auth;

namespace EuiccEmulator.Card.Tests.Uicc.Auth;

public sealed class AkaParameterElementTests
{
    private static readonly MilenageTestSet Set1 = MilenageTestSets.All[0];

    // PE-AKAParameter content: [0] aka-header, [1] algoConfiguration { [1] algoParameter | [0] mappingParameter },
    // [2] sqnOptions, [3] sqnDelta, [4] sqnAgeLimit, [5] sqnInit (SAIP v3.3.1, AUTOMATIC TAGS).
    private static byte[] Pe(Action<AsnWriter> algoConfiguration, Action<AsnWriter>? tail = null)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence(Tag(0)))
        {
            w.WriteNull(Tag(0));
            w.WriteInteger(11, Tag(1));
        }
        using (w.PushSequence(Tag(1))) algoConfiguration(w);
        tail?.Invoke(w);
        return w.Encode();
    }

    private static Action<AsnWriter> Algo(int id, byte options, byte[] key, byte[] opc, int? keccak = null) => w =>
    {
        using (w.PushSequence(Tag(1)))
        {
            w.WriteInteger(id, Tag(0));
            w.WriteOctetString([options], Tag(1));
            w.WriteOctetString(key, Tag(2));
            w.WriteOctetString(opc, Tag(3));
            if (keccak is { } n) w.WriteInteger(n, Tag(7));
        }
    };

    [Fact]
    public void A_Milenage_PE_gives_the_TS_35_208_set_1_answers()
    {
        var k = Convert.FromHexString(Set1.K);
        var opc = Convert.FromHexString(Set1.Opc);
        // sqnOptions '00': no Δ limit, so the set's SQN (far above the initial array) is fresh.
        var pe = Pe(Algo(1, 0, k, opc), w => w.WriteOctetString([0x00], Tag(2)));
        Assert.True(AkaParameterElement.TryRead(pe, out var element, out var error), error);
        Assert.Equal(AkaParameters.Milenage(k, opc, SqnPolicy.FromSaip(0x00, SqnPolicy.SaipDefaultLimit, SqnPolicy.SaipDefaultLimit)),
            element!.Parameters);
        Assert.Null(element.MappingSource);
        Assert.Equal(SqnState.Initial, element.InitialSqn);
        var rand = Convert.FromHexString(Set1.Rand);
        var sqn = Convert.FromHexString(Set1.Sqn);
        var ak = Convert.FromHexString(Set1.F5);
        byte[] autn = [.. sqn.Zip(ak, (a, b) => (byte)(a ^ b)), .. Convert.FromHexString(Set1.Amf), .. Convert.FromHexString(Set1.F1)];
        var r = Aka.Authenticate(element.Parameters!, element.InitialSqn, rand, autn, AuthenticationContext.Umts);
        Assert.Equal(AuthenticationOutcome.Success, r.Outcome);
        Assert.Equal(Set1.F2, Convert.ToHexStringLower(r.Res.Span));
        Assert.Equal(Set1.F3, Convert.ToHexStringLower(r.Ck.Span));
        Assert.Equal(Set1.F4, Convert.ToHexStringLower(r.Ik.Span));
    }

    [Fact]
    public void sqnInit_and_the_SQN_options_are_read()
    {
        var k = new byte[16];
        var pe = Pe(Algo(1, 0, k, new byte[16]), w =>
        {
            w.WriteOctetString([0x06], Tag(2));
            w.WriteOctetString([0, 0, 0, 0, 0x10, 0], Tag(3));
            w.WriteOctetString([0, 0, 0, 0, 0x20, 0], Tag(4));
            using (w.PushSequence(Tag(5)))
                for (var i = 0; i < 32; i++) w.WriteOctetString([0, 0, 0, 0, 0, (byte)(i == 7 ? 0x10 : 0)]);
        });
        Assert.True(AkaParameterElement.TryRead(pe, out var element, out var error), error);
        Assert.Equal(0x10UL, element!.InitialSqn[7]);
        Assert.Equal(0UL, element.InitialSqn[6]);
        var policy = element.Parameters!.SqnPolicy;
        Assert.True(policy.CheckDelta);
        Assert.True(policy.CheckAgeLimit);
        Assert.Equal(0x1000UL, policy.Delta);
        Assert.Equal(0x2000UL, policy.AgeLimit);
    }

    [Fact]
    public void A_TUAK_PE_takes_its_sizes_from_algorithmOptions_and_its_Keccak_iterations()
    {
        var k = new byte[32];
        var topc = new byte[32];
        // b2-b1 = 3 (RES 256 bits), b4-b3 = 1 (MAC 128 bits), b5 CK 256, b6 IK 256.
        Assert.True(AkaParameterElement.TryRead(Pe(Algo(2, 0x37, k, topc, keccak: 2)), out var element, out var error), error);
        var p = element!.Parameters!;
        Assert.Equal(AkaAlgorithm.Tuak, p.Algorithm);
        Assert.Equal((32, 16, 32, 32, 2), (p.ResLength, p.MacLength, p.CkLength, p.IkLength, p.KeccakIterations));
        Assert.Equal(24, p.AutnLength);
    }

    [Fact]
    public void A_mapping_PE_names_the_NAA_whose_keys_it_shares()
    {
        var aid = Convert.FromHexString("A0000000871002FF49FF0589");
        var pe = Pe(w =>
        {
            using (w.PushSequence(Tag(0)))
            {
                w.WriteOctetString([0x01], Tag(0));
                w.WriteOctetString(aid, Tag(1));
            }
        });
        Assert.True(AkaParameterElement.TryRead(pe, out var element, out var error), error);
        Assert.Null(element!.Parameters);
        Assert.Equal(aid, element.MappingSource);
    }

    [Theory]
    [InlineData(9, 16, "algorithmID 9 is not supported")]
    [InlineData(1, 15, "")]
    public void Keys_the_card_cannot_use_are_refused_with_a_reason(int algorithm, int keyLength, string reason)
    {
        Assert.False(
            AkaParameterElement.TryRead(Pe(Algo(algorithm, 0, new byte[keyLength], new byte[16])), out var element, out var error));
        Assert.Null(element);
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_PE_is_refused()
    {
        var pe = Pe(Algo(1, 0, new byte[16], new byte[16]));
        Assert.False(AkaParameterElement.TryRead(pe.AsMemory(0, pe.Length - 3), out _, out var error));
        Assert.StartsWith("PE-AKAParameter", error, StringComparison.Ordinal);
    }

    private static Asn1Tag Tag(int n) => new(TagClass.ContextSpecific, n);
}
