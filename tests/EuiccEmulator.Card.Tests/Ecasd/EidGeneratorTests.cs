using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EuiccEmulator.Card.Tests.Ecasd;

// SGP.29 §2.2: 32 digits, the last two make the number ≡ 1 (mod 97).
public sealed class EidGeneratorTests
{
    [Property(MaxTest = 300)]
    public bool Generate_AnyPrefixAndSeed_ValidEidInsidePrefix(int seed, PositiveInt length)
    {
        var rng = new Random(seed);
        var prefix = new string([.. Enumerable.Range(0, (length.Get % 30) + 1).Select(_ => (char)('0' + rng.Next(10)))]);

        var eid = EidGenerator.Generate(prefix, new Random(seed));

        return eid.Digits.Length == 32
            && eid.Digits.StartsWith(prefix, StringComparison.Ordinal)
            && Eid.HasValidCheckDigits(eid.Digits)
            && Eid.TryParse(eid.Digits, out _, out _);
    }

    [Fact]
    public void Generate_DefaultPrefix_StartsWithSgp26EumPrefix()
    {
        var eid = EidGenerator.Generate();

        Assert.StartsWith("89049032", eid.Digits, StringComparison.Ordinal);
        Assert.True(Eid.HasValidCheckDigits(eid.Digits));
    }

    [Fact]
    public void Generate_SameSeed_SameEid()
    {
        Assert.Equal(EidGenerator.Generate(random: new Random(42)), EidGenerator.Generate(random: new Random(42)));
        Assert.NotEqual(EidGenerator.Generate(random: new Random(42)), EidGenerator.Generate(random: new Random(43)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("8904903A")]
    [InlineData("8904903212345678901234567890123")]
    public void Generate_BadPrefix_ArgumentException(string prefix)
    {
        Assert.Throws<ArgumentException>(() => EidGenerator.Generate(prefix));
    }
}
