using EuiccEmulator.Rsp.Saip;

namespace EuiccEmulator.Rsp.Tests.Saip;

public sealed class EuiccResponseTests
{
    [Fact]
    public void Success_Encoding_MatchesSpecValue()
    {
        Assert.Equal("3007A0053003800100", Convert.ToHexString(EuiccResponse.Success()));
    }

    [Theory]
    [InlineData(PeStatusCode.BadValues, 7, "300CA00830068001038101078100")]
    [InlineData(PeStatusCode.UnsupportedProfileVersion, null, "3009A005300380011F8100")]
    [InlineData(PeStatusCode.InvalidRequestFormat, 300, "300DA00930078001058102012C8100")]
    public void Encode_Failure_CarriesStatusIdentificationAndAborted(PeStatusCode code, int? id, string expected)
    {
        var error = new SaipError(code, id, 0xAA, 0, "x");

        Assert.Equal(expected, Convert.ToHexString(EuiccResponse.Encode(error)));
    }

    [Fact]
    public void Encode_WithMessage_AddsStatusMessage()
    {
        var error = new SaipError(PeStatusCode.BadValues, 1, 0xB0, 0, "bad");

        Assert.Equal("3011A008300680010381010181008203626164", Convert.ToHexString(EuiccResponse.Encode(error, includeMessage: true)));
    }
}
