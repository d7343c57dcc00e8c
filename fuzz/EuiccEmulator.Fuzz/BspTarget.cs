using System.Buffers.Binary;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Bsp;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Fuzz;

/// <summary>
/// The BPP behind a valid MAC: a session opened once with the test SM-DP+ (the seeded card answers the same way
/// every time, so its session keys stay valid), then the input's ConfigureISDP, StoreMetadata and profile package
/// plaintexts, each wrapped with correct BSP encryption and MACs, so mutations reach TLV, metadata and SAIP handling
/// instead of stopping at the MAC check.
/// </summary>
/// <remarks>
/// Input: byte 0 flags (bit 0: ReplaceSessionKeys with PPKs; bits 1-2: largest protected TLV 1020/400/128/48),
/// then up to three parts, each a 2-byte big-endian length and that many bytes: ConfigureISDP (BF24),
/// StoreMetadata (BF25), the unprotected profile package. A missing part is empty.
/// </remarks>
// SGP.22 §2.5.3-2.5.5 (BPP and its segments), §2.6.4 (BSP), §5.5 (ES8+ functions inside the BPP).
public sealed class BspTarget : IFuzzTarget
{
    private static readonly int[] TlvSizes = [TestSmdp.MaxProtectedTlvSize, 400, 128, 48];
    private static readonly BspSessionKeys Ppk = new(Filled(0x11), Filled(0x22), Filled(0x33));
    private readonly Lazy<OpenSession> _session = new(Open);

    public string Name => "bpp-mac";

    public IEnumerable<byte[]> Seeds()
    {
        byte[] configure = [0xBF, 0x24, 0x00];
        var packages = Directory.Exists(RepoPaths.Profiles)
            ? Directory.EnumerateFiles(RepoPaths.Profiles, "*.der").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList()
            : [];
        foreach (var upp in packages)
        {
            // The metadata names the package's own ICCID, so the seed installs.
            var header = ProfileElementReader.ReadAll(upp)[0];
            var metadata = (Metadata() with { Iccid = ProfileHeaderInfo.Decode(header.Encoded).Iccid }).Encode();
            yield return Input(0x00, configure, metadata, upp);
            yield return Input(0x01 | 0x04, configure, metadata, upp);
        }
        yield return Input(0x00, configure, Metadata().Encode(), []);
    }

    /// <summary>A seed in the input format.</summary>
    public static byte[] Input(byte flags, params byte[][] parts) =>
        [flags, .. parts.SelectMany(p => new[] { (byte)(p.Length >> 8), (byte)p.Length }.Concat(p))];

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty) return;
        var session = _session.Value;
        var flags = input[0];
        var rest = input[1..];
        var configure = Part(ref rest);
        var metadata = Part(ref rest);
        var upp = Part(ref rest);
        var maxTlv = TlvSizes[(flags >> 1) & 3];

        using var card = new FuzzCard(withProfiles: false);
        foreach (var exchange in session.Prefix)
        {
            var actual = card.Transmit(exchange.Command);
            if (!actual.AsSpan().SequenceEqual(exchange.Response))
                throw new InvalidOperationException("the seeded card no longer answers the session prefix the same way");
        }
        using var wrapper = new BspWrapper(session.Keys);
        var segments = new List<byte[]>
        {
            Constructed(0xA0, wrapper.WrapSegments(0x87, configure, maxTlv)),
        };
        var all88 = wrapper.WrapSegments(0x88, metadata, maxTlv);
        segments.Add(Header(0xA1, all88.Sum(t => t.Length)));
        segments.AddRange(all88);
        if ((flags & 1) != 0)
        {
            byte[] replace = [0xBF, 0x26, 0x36, 0x80, 0x10, .. Ppk.InitialMacChainingValue, 0x81, 0x10, .. Ppk.EncryptionKey, 0x82, 0x10,
                .. Ppk.MacKey];
            segments.Add(Constructed(0xA2, [wrapper.Wrap(0x87, replace)]));
            wrapper.ReplaceSessionKeys(Ppk);
        }
        var all86 = wrapper.WrapSegments(0x86, upp, maxTlv);
        segments.Add(Header(0xA3, all86.Sum(t => t.Length)));
        segments.AddRange(all86);

        // The BF36 length is not signed: it is the one the input's segments need.
        var bf36 = Header(0xBF36, session.InitialiseSecureChannel.Length + segments.Sum(s => s.Length));
        if (card.Es10([.. bf36, .. session.InitialiseSecureChannel], session.Channel, 240) is not [0x90, 0x00])
            throw new InvalidOperationException("the card refused the valid InitialiseSecureChannel");
        foreach (var segment in segments)
        {
            var response = card.Es10(segment, session.Channel, 240);
            if (response is not [0x90, 0x00]) break;   // a result (installed or refused) or a status word ends the BPP
        }
    }

    private static ReadOnlySpan<byte> Part(ref ReadOnlySpan<byte> rest)
    {
        if (rest.Length < 2)
        {
            rest = [];
            return [];
        }
        var length = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(rest), rest.Length - 2);
        var part = rest.Slice(2, length);
        rest = rest[(2 + length)..];
        return part;
    }

    private static byte[] Header(int tag, int length) =>
        [.. tag > 0xFF ? [(byte)(tag >> 8), (byte)tag] : new[] { (byte)tag }, .. length switch
    {
        < 0x80 => new[] { (byte)length },
        < 0x100 => [0x81, (byte)length],
        < 0x10000 => [0x82, (byte)(length >> 8), (byte)length],
        _ => [0x83, (byte)(length >> 16), (byte)(length >> 8), (byte)length],
    }];

    private static byte[] Constructed(int tag, IReadOnlyList<byte[]> children) =>
        [.. Header(tag, children.Sum(c => c.Length)), .. children.SelectMany(c => c)];

    private static byte[] Filled(byte value) => Enumerable.Repeat(value, BspSessionKeys.Length).ToArray();

    private static ProfileMetadata Metadata() => new()
    {
        Iccid = Iccid.Parse("89000123456789012374"),
        ServiceProviderName = "Fuzz SP",
        ProfileName = "Fuzz profile",
        NotificationConfigs = [new NotificationConfig(NotificationEvents.Install | NotificationEvents.Delete, "smdp.example.com")],
    };

    private sealed record OpenSession(IReadOnlyList<ApduExchange> Prefix, byte[] InitialiseSecureChannel, BspSessionKeys Keys, int Channel);

    /// <summary>AuthenticateServer and PrepareDownload with the test SM-DP+ on a seeded card, recorded.</summary>
    private static OpenSession Open()
    {
        using var card = new FuzzCard(withProfiles: false);
        var client = new Es10Client(card.Euicc.Card, new Es10ClientOptions { BlockSize = 240, RecordTranscript = true });
        client.Open();
        var counter = 0;
        var smdp = new TestSmdp(new TestSmdpOptions
        {
            RandomBytes = n => [.. Enumerable.Range(0, n).Select(i => (byte)(++counter * 31 + i))],
        });
        var challenge = client.Send([0xBF, 0x2E, 0x00]);
        if (challenge.Data is not [0xBF, 0x2E, 0x12, 0x80, 0x10, ..] || challenge.Data.Length != 21)
            throw new InvalidOperationException("GetEUICCChallenge failed: " + challenge);
        var auth = smdp.VerifyAuthenticateServerResponse(client.Send(smdp.BuildAuthenticateServerRequest(challenge.Data.AsSpan(5))).Data);
        if (!auth.IsOk) throw new InvalidOperationException("AuthenticateServer failed: " + auth.Problem);
        var prepare = smdp.VerifyPrepareDownloadResponse(client.Send(smdp.BuildPrepareDownloadRequest()).Data);
        if (!prepare.IsOk) throw new InvalidOperationException("PrepareDownload failed: " + prepare.Problem);
        var package = smdp.BuildBoundProfilePackage([], Metadata());
        return new OpenSession([.. client.Transcript], package.InitialiseSecureChannel, package.SessionKeys, client.Channel);
    }
}
