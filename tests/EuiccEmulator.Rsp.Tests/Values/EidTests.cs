using EuiccEmulator.Rsp.Values;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EuiccEmulator.Rsp.Tests.Values;

public class EidTests
{
    [Theory]
    [InlineData("89049032123451234512345678901235")] // SGP.23 #EID1
    public void Parse_ValidEid_RoundTripsThroughBcd(string digits)
    {
        var eid = Eid.Parse(digits);
        Assert.Equal(Convert.FromHexString(digits), eid.ToBytes());
        Assert.Equal(eid, Eid.FromBytes(eid.ToBytes()));
    }

    [Theory]
    [InlineData("89049032123451234512345678901234", "check digits")]
    [InlineData("8904903212345123451234567890123", "31 digits")]
    [InlineData("8904903212345123451234567890123A", "not decimal")]
    public void TryParse_Invalid_Fails(string digits, string why)
    {
        Assert.False(Eid.TryParse(digits, out _, out var error), why);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void WithCheckDigits_KnownPrefix_GivesSgp23Eid()
    {
        Assert.Equal("89049032123451234512345678901235", Eid.WithCheckDigits("890490321234512345123456789012").Digits);
    }

    [Property]
    public Property WithCheckDigits_AnyPrefix_IsValid()
    {
        var gen = Gen.ArrayOf(Gen.Choose(0, 9), 22).Select(d => "89049032" + string.Concat(d));
        return Prop.ForAll(gen.ToArbitrary(), prefix => Eid.HasValidCheckDigits(Eid.WithCheckDigits(prefix).Digits));
    }
}
