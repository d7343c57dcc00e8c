using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Tests.Support;

/// <summary>A card in memory driven through its APDU interface, with hex helpers.</summary>
internal sealed class TestCard : IDisposable
{
    public TestCard(ICardStore? store = null, CardOptions? options = null, int? seed = 1, CardIdentityRecord? identity = null)
    {
        Store = store ?? new InMemoryCardStore();
        // A card is served as the SGP.32 version it was created as: a v1.0 test card gets a v1.0 identity.
        identity ??= options is { Sgp32Version: var version } && version != Sgp32Version.V1_2
            ? TestIdentity.Identity with { Sgp32Version = version }
            : TestIdentity.Identity;
        Euicc = new VirtualEuicc(Store, identity, options, seed, e => Errors.Add(e));
        Euicc.Card.PowerOn();
    }

    public ICardStore Store { get; }

    public VirtualEuicc Euicc { get; }

    public List<Exception> Errors { get; } = [];

    public string Transmit(string apduHex) => Convert.ToHexString(Euicc.Card.Transmit(Convert.FromHexString(apduHex)));

    /// <summary>Sends an ES10 request as STORE DATA blocks on a channel, follows 61xx, returns data and the final SW.</summary>
    public (string Data, string Sw) Es10(string requestHex, int channel = 0, int blockSize = 255, bool withLe = false)
    {
        var request = Convert.FromHexString(requestHex);
        var cla = (byte)(channel < 4 ? 0x80 | channel : 0xC0 | (channel - 4));
        var data = new List<byte>();
        byte[] response = [];
        var blocks = request.Chunk(blockSize).ToList();
        for (var i = 0; i < blocks.Count; i++)
        {
            var last = i == blocks.Count - 1;
            byte[] apdu = [cla, 0xE2, (byte)(last ? 0x91 : 0x11), (byte)i, (byte)blocks[i].Length, .. blocks[i]];
            if (withLe) apdu = [.. apdu, 0x00];
            response = Euicc.Card.Transmit(apdu);
            if (!last && !(response is [0x90, 0x00]))
                return ("", Convert.ToHexString(response));
        }
        data.AddRange(response[..^2]);
        while (response[^2] == 0x61)
        {
            var le = response[^1];
            response = Euicc.Card.Transmit([(byte)(channel < 4 ? channel : 0x40 | (channel - 4)), 0xC0, 0x00, 0x00, le]);
            data.AddRange(response[..^2]);
        }
        var dataHex = Convert.ToHexString(data.ToArray());
        if (response[^2] is 0x90 or 0x91) ResponseRecorder.Record(dataHex, Euicc.Options.IsV10);
        return (dataHex, Convert.ToHexString(response[^2..]));
    }

    /// <summary>Selects the ISD-R on the basic channel.</summary>
    public TestCard SelectIsdR(int channel = 0)
    {
        var cla = (byte)(channel < 4 ? channel : 0x40 | (channel - 4));
        var sw = Transmit($"{cla:X2}A4040C10A0000005591010FFFFFFFF8900000100");
        if (sw != "9000") throw new InvalidOperationException($"SELECT ISD-R gave {sw}");
        return this;
    }

    public ProfileRecord AddProfile(string iccid, ProfileClass profileClass = ProfileClass.Operational,
        PprIds pprs = PprIds.None, params NotificationConfig[] notifications) =>
        Euicc.Engine.AddPreLoadedProfile(new ProfileRecord
        {
            Iccid = Iccid.Parse(iccid),
            IsdpAid = [],
            ServiceProviderName = "Test SP",
            ProfileName = "Test " + iccid[^4..],
            ProfileClass = profileClass,
            Pprs = pprs,
            NotificationConfigs = notifications,
        }, [0xA0, 0x00]);

    public static string SwappedIccid(string digits) => Convert.ToHexString(Iccid.Parse(digits).ToSwappedBcd());

    public void Dispose() => Euicc.Dispose();
}
