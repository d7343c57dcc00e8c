using EuiccEmulator.Card;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Rsp.Saip;

namespace EuiccEmulator.Fuzz;

/// <summary>One fuzz target: seeds, and a run that throws <see cref="FuzzFailure"/> (or anything unexpected) on a bug.</summary>
public interface IFuzzTarget
{
    string Name { get; }

    IEnumerable<byte[]> Seeds();

    void Run(ReadOnlySpan<byte> input);
}

public static class Targets
{
    public static IReadOnlyList<IFuzzTarget> All() =>
        [new ApduTarget(), new Es10Target(), new BppTarget(), new BspTarget(), new SaipTarget(), new UiccTarget()];

    public static IFuzzTarget? Find(string name) => All().FirstOrDefault(t => t.Name == name);
}

/// <summary>CommandApdu.Parse and EuiccEmulator's card Transmit on one APDU, the ISD-R selected.</summary>
public sealed class ApduTarget : IFuzzTarget
{
    private FuzzCard? _card;
    private int _runs;

    public string Name => "apdu";

    public IEnumerable<byte[]> Seeds() => GoldenSeeds.All.SelectMany(t => t.Exchanges.Select(e => e.Command));

    public void Run(ReadOnlySpan<byte> input)
    {
        try
        {
            var parsed = CommandApdu.Parse(input);
            _ = parsed.Data.Length;
        }
        catch (CardException)
        {
            // a refused APDU: the card answers it with a status word
        }
        if (_card is null || ++_runs % 256 == 0)
        {
            _card?.Dispose();
            _card = new FuzzCard();
        }
        _card.Euicc.Card.Reset();
        _card.SelectIsdR();
        _card.Transmit(input);
    }
}

/// <summary>Arbitrary TLV contents under each ES10 request tag the ISD-R knows, or a raw request (selector FF).</summary>
public sealed class Es10Target : IFuzzTarget
{
    // The BPP has its own target; corpus inputs index this list, so it keeps the unsegmented functions only.
    private static readonly int[] Tags = [.. VirtualEuicc.Es10Handlers()
        .Where(h => !h.Function.Segmented).Select(h => h.Function.Tag).Distinct().Order()];
    private FuzzCard? _card;
    private int _runs;

    public string Name => "es10";

    public IEnumerable<byte[]> Seeds()
    {
        foreach (var transcript in GoldenSeeds.All)
        {
            foreach (var (_, request) in GoldenSeeds.Es10Requests(transcript))
            {
                yield return [0xFF, .. request];
                if (request.Length < 3 || (request[0] & 0x1F) != 0x1F) continue;
                var tag = request[0] << 8 | request[1];
                var index = Array.IndexOf(Tags, tag);
                if (index < 0) continue;
                var header = HeaderLength(request.AsSpan(2));
                if (header > 0) yield return [(byte)index, .. request.AsSpan(2 + header)];
            }
        }
        for (var i = 0; i < Tags.Length; i++) yield return [(byte)i];
    }

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty) return;
        byte[] request;
        if (input[0] == 0xFF)
        {
            request = input[1..].ToArray();
        }
        else
        {
            var tag = Tags[input[0] % Tags.Length];
            var content = input[1..];
            request = [(byte)(tag >> 8), (byte)tag, .. Length(content.Length), .. content];
        }
        if (_card is null || ++_runs % 256 == 0)
        {
            _card?.Dispose();
            _card = new FuzzCard();
        }
        _card.Euicc.Card.Reset();
        _card.SelectIsdR();
        _card.Es10(request);
    }

    private static byte[] Length(int n) => n switch
    {
        < 0x80 => [(byte)n],
        < 0x100 => [0x81, (byte)n],
        _ => [0x82, (byte)(n >> 8), (byte)n],
    };

    private static int HeaderLength(ReadOnlySpan<byte> afterTag) => afterTag.IsEmpty ? 0 : afterTag[0] switch
    {
        < 0x80 => 1,
        0x81 => 2,
        0x82 => 3,
        0x83 => 4,
        _ => 0,
    };
}

/// <summary>
/// The BPP segment handler: the golden download's commands up to PrepareDownload on a fresh seeded card (a valid
/// session), then the input as segments (2-byte length framing), each one STORE DATA sequence on channel 1.
/// </summary>
public sealed class BppTarget : IFuzzTarget
{
    private readonly GoldenSeeds.Transcript _download = GoldenSeeds.All.Single(t => t.Name == "sgp22-download");
    private int _prefix = -1;

    public string Name => "bpp";

    public IEnumerable<byte[]> Seeds()
    {
        var segments = GoldenSeeds.Es10Requests(_download)
            .Where(r => r.Index >= Prefix()).Select(r => r.Request)
            .TakeWhile(r => r is not [0xBF, 0x2D, ..]).ToList();
        yield return Frame(segments);
        for (var n = 1; n < segments.Count; n++) yield return Frame(segments.Take(n));
    }

    public void Run(ReadOnlySpan<byte> input)
    {
        using var card = new FuzzCard(withProfiles: false);
        for (var i = 0; i < Prefix(); i++)
        {
            var (command, expected) = _download.Exchanges[i];
            var actual = card.Transmit(command);
            if (!actual.AsSpan().SequenceEqual(expected))
            {
                throw new InvalidOperationException($"the golden download no longer replays at exchange {i}: "
                    + $"regenerate the golden transcripts");
            }
        }
        var channel = _download.Exchanges[0].Response[0]; // MANAGE CHANNEL open answered the channel number
        while (input.Length >= 2)
        {
            var length = Math.Min(input[0] << 8 | input[1], input.Length - 2);
            card.Es10(input.Slice(2, length), channel, 240);
            input = input[(2 + length)..];
        }
    }

    private static byte[] Frame(IEnumerable<byte[]> segments) =>
        [.. segments.SelectMany(s => new[] { (byte)(s.Length >> 8), (byte)s.Length }.Concat(s))];

    /// <summary>Exchanges before the first LoadBoundProfilePackage STORE DATA (BF36).</summary>
    private int Prefix()
    {
        if (_prefix >= 0) return _prefix;
        foreach (var (index, request) in GoldenSeeds.Es10Requests(_download))
        {
            if (request is [0xBF, 0x36, ..]) return _prefix = index;
        }
        throw new InvalidOperationException("the golden download has no LoadBoundProfilePackage");
    }
}

/// <summary>The SAIP parser: ProfileElementReader.ReadAll and a ProfilePackageSession fed in uneven chunks.</summary>
public sealed class SaipTarget : IFuzzTarget
{
    public string Name => "saip";

    public IEnumerable<byte[]> Seeds()
    {
        // Both folders are part of the repository: a missing one is an error, not fewer seeds.
        var files = Directory.EnumerateFiles(RepoPaths.Ts48, "*.der", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(RepoPaths.Profiles, "*.der"));
        return files.Order(StringComparer.Ordinal).Select(File.ReadAllBytes);
    }

    public void Run(ReadOnlySpan<byte> input)
    {
        try
        {
            _ = ProfileElementReader.ReadAll(input);
        }
        catch (SaipException)
        {
            // a framing error, reported as documented
        }
        var session = new ProfilePackageSession();
        var chunk = 1 + (input.IsEmpty ? 0 : input[0] % 97);
        for (var offset = 0; offset < input.Length && session.Error is null; offset += chunk)
            session.Push(input.Slice(offset, Math.Min(chunk, input.Length - offset)));
        _ = session.Complete();
    }
}
