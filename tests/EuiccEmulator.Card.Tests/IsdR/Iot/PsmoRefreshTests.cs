using EuiccEmulator.Card.Tests.Support;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.IsdR.Iot;

/// <summary>
/// A PSMO switch asks for REFRESH only from a terminal that announced it in TERMINAL PROFILE (ETSI TS 102 223 §5.2),
/// and while that REFRESH is pending another PSMO switch answers catBusy (SGP.32 v1.2 §5.9.1).
/// </summary>
public class PsmoRefreshTests
{
    private static Iccid I(string digits) => Iccid.Parse(digits);

    // While a proactive command waits, the card ends every command with 91xx instead of 9000 (ETSI TS 102 221
    // §7.4.2.2), intermediate STORE DATA blocks included; a terminal goes on with the next block.
    private static (byte[] Data, int Sw) SendTolerating91xx(IotCard iot, byte[] request)
    {
        var cla = (byte)(0x80 | iot.Client.Channel);
        var blocks = request.Chunk(255).ToList();
        byte[] response = [];
        for (var i = 0; i < blocks.Count; i++)
        {
            byte[] apdu = [cla, 0xE2, (byte)(i == blocks.Count - 1 ? 0x91 : 0x11), (byte)i, (byte)blocks[i].Length, .. blocks[i]];
            response = iot.Card.Euicc.Card.Transmit(apdu);
            Assert.True(response is [.., 0x90, 0x00] or [.., 0x91, _] or [.., 0x61, _], Convert.ToHexString(response));
        }
        var data = new List<byte>(response[..^2]);
        while (response[^2] == 0x61)
        {
            response = iot.Card.Euicc.Card.Transmit([(byte)iot.Client.Channel, 0xC0, 0x00, 0x00, response[^1]]);
            data.AddRange(response[..^2]);
        }
        return ([.. data], response[^2] << 8 | response[^1]);
    }

    [Fact]
    public void Without_TERMINAL_PROFILE_a_PSMO_enable_ends_9000_with_its_signed_result()
    {
        using var iot = new IotCard();
        iot.AddProfile(IotCard.A);
        var request = iot.Eim.BuildEuiccPackage([Psmo.Enable(I(IotCard.A))]);
        var response = iot.Client.Send(request.Encoded);
        Assert.Equal(0x9000, response.StatusWord);
        var result = iot.Eim.VerifyEuiccPackageResult(response.Data, request);
        Assert.True(result.AllOk, string.Join("; ", result.Problems));
        Assert.Equal(ProfileState.Enabled, iot.State(IotCard.A));
        // Later commands are not disturbed by a proactive command nobody asked for.
        Assert.Equal(0x9000, iot.Client.Send(Convert.FromHexString("BF2D00")).StatusWord);
    }

    [Fact]
    public void A_PSMO_switch_while_the_REFRESH_is_unfetched_answers_catBusy()
    {
        using var iot = new IotCard();
        iot.AddProfile(IotCard.A);
        iot.AddProfile(IotCard.B);
        Assert.Equal("9000", iot.Card.Transmit("801000000400008000"));
        var first = iot.Eim.BuildEuiccPackage([Psmo.Enable(I(IotCard.A))]);
        var r1 = iot.Client.Send(first.Encoded);
        Assert.Equal(0x91, r1.StatusWord >> 8);
        Assert.True(iot.Eim.VerifyEuiccPackageResult(r1.Data, first).AllOk);

        var second = iot.Eim.BuildEuiccPackage([Psmo.Disable(I(IotCard.A))]);
        var (data2, sw2) = SendTolerating91xx(iot, second.Encoded);
        Assert.Equal(0x91, sw2 >> 8);
        var result = iot.Eim.VerifyEuiccPackageResult(data2, second);
        Assert.True(result.SignatureValid);
        Assert.Equal(EuiccResultKind.Disable, Assert.Single(result.Results).Kind);
        Assert.Equal((int)DisableResult.CatBusy, result.Results[0].Code);
        Assert.Equal(ProfileState.Enabled, iot.State(IotCard.A));

        // After FETCH and TERMINAL RESPONSE the session is over and the disable runs.
        iot.Card.Transmit($"80120000{r1.StatusWord & 0xFF:X2}");
        Assert.Equal("9000", iot.Card.Transmit("801400000C810301010402028281830100"));
        var third = iot.Eim.BuildEuiccPackage([Psmo.Disable(I(IotCard.A))]);
        Assert.True(iot.Eim.VerifyEuiccPackageResult(iot.Client.Send(third.Encoded).Data, third).AllOk);
        Assert.Equal(ProfileState.Disabled, iot.State(IotCard.A));
    }
}
