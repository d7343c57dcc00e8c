using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EuiccEmulator.Card;
using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Reliability.Tests.Support;

/// <summary>Shared helpers: the test identity, profiles, ES10 over APDUs, and a digest of everything a store keeps.</summary>
internal static class Rel
{
    public const string Eid = "89049032123451234512345678901235";

    private static readonly Lazy<CardIdentityRecord> CachedIdentity = new(() => CardIdentityFactory.Create(Rsp.Values.Eid.Parse(Eid)));

    public static CardIdentityRecord Identity => CachedIdentity.Value;

    /// <summary>The i-th test ICCID (19 digits + Luhn check digit).</summary>
    public static string IccidFor(int i)
    {
        var body = "890001234" + i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
        var sum = 0;
        for (var k = 0; k < body.Length; k++)
        {
            var d = body[body.Length - 1 - k] - '0';
            if (k % 2 == 0) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return body + (char)('0' + (10 - sum % 10) % 10);
    }

    public static byte[] Upp(string iccid, int? size = null) => ProfilePackageBuilder.BuildUsim(new UsimProfileParameters
    {
        Iccid = Iccid.Parse(iccid),
        Imsi = "001010000000123",
        K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F"),
        Opc = Convert.FromHexString("101112131415161718191A1B1C1D1E1F"),
        TargetSize = size,
    });

    public static ProfileMetadata Metadata(string iccid) => new()
    {
        Iccid = Iccid.Parse(iccid),
        ServiceProviderName = "Test Operator",
        ProfileName = "Downloaded " + iccid[^4..],
        ProfileClass = ProfileClass.Operational,
        NotificationConfigs = [new NotificationConfig(NotificationEvents.Enable | NotificationEvents.Disable | NotificationEvents.Delete,
            "smdp.example.com")],
    };

    public static DownloadResult Download(ICard card, string iccid, int blockSize = 120, int? size = null, TestSmdp? smdp = null)
    {
        var client = new Es10Client(card, new Es10ClientOptions { BlockSize = blockSize });
        return new DownloadDriver(client, smdp ?? new TestSmdp())
            .Run(new DownloadRequest { Upp = Upp(iccid, size), Metadata = Metadata(iccid) });
    }

    public static ProfileRecord AddProfile(CardEngine engine, string iccid, params NotificationConfig[] notifications) =>
        engine.AddPreLoadedProfile(new ProfileRecord
        {
            Iccid = Iccid.Parse(iccid),
            IsdpAid = [],
            ServiceProviderName = "Test SP",
            ProfileName = "Test " + iccid[^4..],
            ProfileClass = ProfileClass.Operational,
            NotificationConfigs = notifications,
        }, [0xA0, 0x00]);

    public static VirtualEuicc NewCard(ICardStore? store = null, CardOptions? options = null, List<Exception>? errors = null)
    {
        var euicc = new VirtualEuicc(store ?? new InMemoryCardStore(), Identity, options, seed: null, e => errors?.Add(e));
        euicc.Card.PowerOn();
        return euicc;
    }

    /// <summary>RemoveNotificationFromList (BF30 { 80 seqNumber }).</summary>
    public static string RemoveNotification(long seq)
    {
        var value = new System.Numerics.BigInteger(seq).ToByteArray(isUnsigned: false, isBigEndian: true);
        return $"BF30{value.Length + 2:X2}80{value.Length:X2}{Convert.ToHexString(value)}";
    }

    public static string Swapped(string iccid) => Convert.ToHexString(Iccid.Parse(iccid).ToSwappedBcd());

    /// <summary>Sends an ES10 request on the basic channel as STORE DATA blocks, follows 61xx; returns data and SW.</summary>
    public static (byte[] Data, ushort Sw) Es10(ICard card, byte[] request, int blockSize = 255, int channel = 0)
    {
        var cla = (byte)(channel < 4 ? 0x80 | channel : 0xC0 | (channel - 4));
        var blocks = request.Chunk(blockSize).ToList();
        byte[] response = [0x90, 0x00];
        for (var i = 0; i < blocks.Count; i++)
        {
            var last = i == blocks.Count - 1;
            response = card.Transmit([cla, 0xE2, (byte)(last ? 0x91 : 0x11), (byte)i, (byte)blocks[i].Length, .. blocks[i]]);
            if (!last && response is not [0x90, 0x00]) return ([], Sw(response));
        }
        var data = new List<byte>(response[..^2]);
        while (response[^2] == 0x61)
        {
            response = card.Transmit([(byte)(channel < 4 ? channel : 0x40 | (channel - 4)), 0xC0, 0x00, 0x00, response[^1]]);
            data.AddRange(response[..^2]);
        }
        return ([.. data], Sw(response));
    }

    public static (byte[] Data, ushort Sw) Es10(ICard card, string hex, int blockSize = 255, int channel = 0) =>
        Es10(card, Convert.FromHexString(hex), blockSize, channel);

    public static void SelectIsdR(ICard card, int channel = 0)
    {
        var cla = (byte)(channel < 4 ? channel : 0x40 | (channel - 4));
        var r = card.Transmit([cla, 0xA4, 0x04, 0x0C, 0x10, .. Convert.FromHexString("A0000005591010FFFFFFFF8900000100")]);
        if (Sw(r) != 0x9000) throw new InvalidOperationException($"SELECT ISD-R: {Sw(r):X4}");
    }

    public static ushort Sw(byte[] response) => (ushort)(response[^2] << 8 | response[^1]);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>A digest of everything the store keeps (settings, profiles, packages, notifications), order-independent.</summary>
    public static string Digest(CardSnapshot snapshot, Func<Iccid, byte[]?> package)
    {
        var sb = new StringBuilder();
        sb.Append(JsonSerializer.Serialize(snapshot.Settings, Json)).Append('\n');
        foreach (var p in snapshot.Profiles.OrderBy(p => p.Iccid.Digits, StringComparer.Ordinal))
        {
            sb.Append(JsonSerializer.Serialize(p, Json)).Append(' ');
            sb.Append(package(p.Iccid) is { } bytes ? Convert.ToHexString(SHA256.HashData(bytes)) : "NOPACKAGE").Append('\n');
        }
        foreach (var n in snapshot.Notifications.OrderBy(n => n.SeqNumber))
            sb.Append(JsonSerializer.Serialize(n, Json)).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }

    public static string Digest(ICardStore store) => Digest(store.Load(), store.LoadPackage);
}
