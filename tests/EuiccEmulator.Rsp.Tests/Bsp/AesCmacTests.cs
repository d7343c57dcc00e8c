using EuiccEmulator.Rsp.Bsp;
using EuiccEmulator.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static EuiccEmulator.Rsp.Tests.Bsp.BspTestSupport;

namespace EuiccEmulator.Rsp.Tests.Bsp;

public sealed class AesCmacTests
{
    private const string RfcKey = "2b7e151628aed2a6abf7158809cf4f3c";

    private const string RfcMessage =
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    // RFC 4493 §4: AES-128 examples 1-4 (message lengths 0, 16, 40, 64).
    [Theory]
    [InlineData(0, "bb1d6929e95937287fa37d129b756746")]
    [InlineData(16, "070a16b46b4d4144f79bdd9dd04a287c")]
    [InlineData(40, "dfa66747de9ae63030ca32611497c827")]
    [InlineData(64, "51f0bebf7e3b9d92fc49741779363cfe")]
    public void Compute_Rfc4493Vector_ExpectedTag(int length, string expected)
    {
        var message = Hex(RfcMessage)[..length];

        Assert.Equal(expected, Convert.ToHexStringLower(BcAesCmac.Compute(Hex(RfcKey), message)));
        Assert.Equal(expected, Convert.ToHexStringLower(ReferenceCmac.Compute(Hex(RfcKey), message)));
    }

    // RFC 4493 §4 examples 2-4 through the BSP path, whose message always starts with the 16-byte MCV.
    [Theory]
    [InlineData(16, "070a16b46b4d4144f79bdd9dd04a287c")]
    [InlineData(40, "dfa66747de9ae63030ca32611497c827")]
    [InlineData(64, "51f0bebf7e3b9d92fc49741779363cfe")]
    public void AesCmac_Rfc4493Vector_ExpectedTag(int length, string expected)
    {
        var message = Hex(RfcMessage)[..length];
        using var cmac = new AesCmac(Hex(RfcKey));
        var tag = new byte[16];

        cmac.Compute(message.AsSpan(0, 16), message.AsSpan(16), tag);

        Assert.Equal(expected, Convert.ToHexStringLower(tag));
    }

    [Property(MaxTest = 300)]
    public Property AesCmac_RandomKeyAndMessage_AgreesWithBouncyCastleAndReference()
    {
        var gen = from key in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 16)
                  from length in Gen.Frequency((3, Gen.Choose(0, 100)), (1, Gen.Choose(1000, 2100)))
                  from data in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)
                  from prefix in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 16)
                  select (key, prefix, data);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            using var cmac = new AesCmac(t.key);
            var tag = new byte[16];
            var again = new byte[16];
            cmac.Compute(t.prefix, t.data, tag);
            // Reuse after a longer or shorter message must not leak state.
            cmac.Compute(t.prefix, t.data, again);
            byte[] message = [.. t.prefix, .. t.data];
            return tag.AsSpan().SequenceEqual(BcAesCmac.Compute(t.key, message))
                && tag.AsSpan().SequenceEqual(ReferenceCmac.Compute(t.key, message))
                && again.AsSpan().SequenceEqual(tag);
        });
    }

    [Property(MaxTest = 300)]
    public Property Compute_RandomKeyAndMessage_AgreesWithReferenceImplementation()
    {
        var gen = from key in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 16)
                  from length in Gen.Choose(0, 200)
                  from message in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)
                  select (key, message);
        return Prop.ForAll(gen.ToArbitrary(), t =>
            BcAesCmac.Compute(t.key, t.message).AsSpan().SequenceEqual(ReferenceCmac.Compute(t.key, t.message)));
    }

    [Property(MaxTest = 200)]
    public Property Update_SplitAnywhereAndReused_SameTagAsOneShot()
    {
        var gen = from length in Gen.Choose(0, 100)
                  from message in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)
                  from split in Gen.Choose(0, length)
                  select (message, split);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var cmac = new BcAesCmac(Hex(RfcKey));
            var first = new byte[16];
            var second = new byte[16];
            cmac.Update(t.message.AsSpan(0, t.split));
            cmac.Update(t.message.AsSpan(t.split));
            cmac.Finish(first);
            cmac.Update(t.message);
            cmac.Finish(second);
            var expected = ReferenceCmac.Compute(Hex(RfcKey), t.message);
            return first.AsSpan().SequenceEqual(expected) && second.AsSpan().SequenceEqual(expected);
        });
    }

    [Fact]
    public void Constructor_KeyOfWrongLength_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new BcAesCmac(new byte[15]));
    }
}
