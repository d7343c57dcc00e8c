using EuiccEmulator.Card.Uicc.Auth;

namespace EuiccEmulator.Card.Tests.Uicc.Auth;

public class AuthenticateCommandDataTests
{
    private const string Rand = "23553cbe9637a89d218ae64dae47bf35";
    private const string Autn = "55f328b43577b9b94a9ffac354dfafb3";

    [Theory]
    // valid
    [InlineData("10" + Rand + "10" + Autn, AuthenticationContext.Umts, 16, AuthenticateDataError.None)]
    [InlineData("10" + Rand, AuthenticationContext.Gsm, 16, AuthenticateDataError.None)]
    [InlineData("10" + Rand + "18" + Autn + "0102030405060708", AuthenticationContext.Umts, 24, AuthenticateDataError.None)]
    // length bytes that do not add up: 6700
    [InlineData("", AuthenticationContext.Umts, 16, AuthenticateDataError.WrongLength)]
    [InlineData("10" + Rand, AuthenticationContext.Umts, 16, AuthenticateDataError.WrongLength)]
    [InlineData("10" + Rand + "10" + Autn + "00", AuthenticationContext.Umts, 16, AuthenticateDataError.WrongLength)]
    [InlineData("10" + Rand + "11" + Autn, AuthenticationContext.Umts, 16, AuthenticateDataError.WrongLength)]
    [InlineData("11" + Rand, AuthenticationContext.Gsm, 16, AuthenticateDataError.WrongLength)]
    [InlineData("10" + Rand + "00", AuthenticationContext.Gsm, 16, AuthenticateDataError.WrongLength)]
    // well-formed, wrong sizes: 6A80
    [InlineData("0f" + "23553cbe9637a89d218ae64dae47bf" + "10" + Autn, AuthenticationContext.Umts, 16, AuthenticateDataError.InvalidData)]
    [InlineData("10" + Rand + "08" + "0102030405060708", AuthenticationContext.Umts, 16, AuthenticateDataError.InvalidData)]
    [InlineData("08" + "0102030405060708", AuthenticationContext.Gsm, 16, AuthenticateDataError.InvalidData)]
    // The enums go as object: they are internal to the library and a test method's signature is public.
    public void Parses_or_refuses(string data, object contextData, int autnLength, object expectedData)
    {
        var (context, expected) = ((AuthenticationContext)contextData, (AuthenticateDataError)expectedData);
        var error = AuthenticateCommandData.TryParse(Convert.FromHexString(data), context, autnLength, out var rand, out var autn);
        Assert.Equal(expected, error);
        if (expected == AuthenticateDataError.None)
        {
            Assert.Equal(Rand, Convert.ToHexStringLower(rand));
            Assert.Equal(context == AuthenticationContext.Gsm ? 0 : autnLength, autn.Length);
        }
    }

    [Fact]
    public void Status_words()
    {
        Assert.Equal(0x6700, AuthenticateCommandData.StatusWord(AuthenticateDataError.WrongLength));
        Assert.Equal(0x6A80, AuthenticateCommandData.StatusWord(AuthenticateDataError.InvalidData));
    }

    [Fact]
    public void Random_data_never_throws()
    {
        var rng = new Random(31102);
        for (var i = 0; i < 20000; i++)
        {
            var data = new byte[rng.Next(0, 48)];
            rng.NextBytes(data);
            if (data.Length > 0 && rng.Next(2) == 0) data[0] = 16;
            var error = AuthenticateCommandData.TryParse(data, rng.Next(2) == 0 ? AuthenticationContext.Gsm : AuthenticationContext.Umts,
                16, out _, out _);
            Assert.True(Enum.IsDefined(error));
        }
    }
}
