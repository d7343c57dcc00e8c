using EuiccEmulator.Card;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Fuzz;

/// <summary>Thrown when an input breaks a card invariant; libFuzzer/AFL see it as a crash.</summary>
public sealed class FuzzFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Repository paths: golden transcripts, the golden identity, TS.48 and sample profiles.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Golden => Path.Combine(Root, "tests", "EuiccEmulator.Card.Tests", "Golden");

    public static string Ts48 => Path.Combine(Root, "tests", "data", "ts48");

    public static string Profiles => Path.Combine(Root, "profiles");

    public static string Regressions => Path.Combine(Root, "fuzz", "regressions");

    private static string FindRoot()
    {
        // The instrumented copy runs outside the repository; the run script names the root.
        if (Environment.GetEnvironmentVariable("EUICC_REPO_ROOT") is { Length: > 0 } root) return root;
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "EuiccEmulator.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("no EuiccEmulator.sln above the fuzzer");
    }
}

/// <summary>A seeded card with the golden identity (so recorded golden commands stay valid), checked after every APDU.</summary>
public sealed class FuzzCard : IDisposable
{
    private static readonly Lazy<CardIdentityRecord> s_identity = new(LoadIdentity);
    private readonly List<Exception> _errors = [];

    public FuzzCard(bool withProfiles = true)
    {
        Store = new InMemoryCardStore();
        Euicc = new VirtualEuicc(Store, s_identity.Value, null, 1, _errors.Add);
        Euicc.Card.PowerOn();
        if (withProfiles)
        {
            var all = NotificationEvents.Enable | NotificationEvents.Disable | NotificationEvents.Delete;
            Add("89000123456789012341", ProfileClass.Operational, PprIds.None, new NotificationConfig(all, "a.example.com"));
            Add("89000123456789012358", ProfileClass.Operational, PprIds.Ppr1DisableNotAllowed);
            Add("89000123456789012366", ProfileClass.Test, PprIds.None, new NotificationConfig(all, "c.example.com"));
        }
    }

    public InMemoryCardStore Store { get; }

    public VirtualEuicc Euicc { get; }

    /// <summary>
    /// Sends one APDU and checks: a status word, no internal error, no commit when the card refused, except where
    /// <paramref name="refusalMayCommit"/> says the refusal itself is state (a PIN try counted down).
    /// </summary>
    public byte[] Transmit(ReadOnlySpan<byte> apdu, Func<byte[], byte[], bool>? refusalMayCommit = null)
    {
        var commits = Store.Commits;
        var response = Euicc.Card.Transmit(apdu);
        if (response.Length < 2) throw new FuzzFailure($"response without a status word to {Convert.ToHexString(apdu)}");
        if (_errors.Count > 0)
        {
            var e = _errors[0];
            _errors.Clear();
            throw new FuzzFailure($"internal error (6F00) for {Convert.ToHexString(apdu)}: {e.GetType().Name}: {e.Message}", e);
        }
        var sw1 = response[^2];
        var accepted = sw1 is 0x90 or 0x91 or 0x61;
        if (!accepted && Store.Commits != commits && refusalMayCommit?.Invoke(apdu.ToArray(), response) != true)
        {
            throw new FuzzFailure($"state committed although the card answered {Convert.ToHexString(response[^2..])} to "
                + $"{Convert.ToHexString(apdu)}");
        }
        return response;
    }

    /// <summary>One ES10 request as STORE DATA blocks on a channel, following 61xx; returns the final response APDU.</summary>
    public byte[] Es10(ReadOnlySpan<byte> request, int channel = 0, int blockSize = 255)
    {
        var cla = (byte)(0x80 | channel);
        var blocks = Math.Max(1, (request.Length + blockSize - 1) / blockSize);
        if (blocks > 256) blocks = 256;
        byte[] response = [];
        for (var i = 0; i < blocks; i++)
        {
            var last = i == blocks - 1;
            var start = i * blockSize;
            var block = last ? request[start..] : request.Slice(start, blockSize);
            if (block.Length > 255) block = block[..255];
            response = Transmit([cla, 0xE2, (byte)(last ? 0x91 : 0x11), (byte)i, (byte)block.Length, .. block]);
            if (!last && response is not [0x90, 0x00]) return response;
        }
        for (var guard = 0; response[^2] == 0x61 && guard < 4096; guard++)
            response = Transmit([(byte)channel, 0xC0, 0x00, 0x00, response[^1]]);
        return response;
    }

    public void SelectIsdR(int channel = 0) =>
        Transmit(Convert.FromHexString($"{channel:X2}A4040C10A0000005591010FFFFFFFF8900000100"));

    public void Dispose() => Euicc.Dispose();

    private void Add(string iccid, ProfileClass profileClass, PprIds pprs, params NotificationConfig[] notifications) =>
        Euicc.Engine.AddPreLoadedProfile(new ProfileRecord
        {
            Iccid = Iccid.Parse(iccid),
            IsdpAid = [],
            ServiceProviderName = "Fuzz SP",
            ProfileName = "Fuzz " + iccid[^4..],
            ProfileClass = profileClass,
            Pprs = pprs,
            NotificationConfigs = notifications,
        }, [0xA0, 0x00]);

    private static CardIdentityRecord LoadIdentity()
    {
        var values = File.ReadLines(Path.Combine(RepoPaths.Golden, "golden-identity.txt"))
            .Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split(' ', 2)).ToList();
        string One(string key) => values.Single(v => v[0] == key)[1];
        return new CardIdentityRecord(One("eid"),
            [new SigningChain(Convert.FromHexString(One("ciSki")), Convert.FromHexString(One("euiccCertificate")),
                Convert.FromHexString(One("eumCertificate")), Convert.FromHexString(One("euiccPrivateKeyPkcs8")))],
            [.. values.Where(v => v[0] == "trustedCi").Select(v => Convert.FromHexString(v[1]))]);
    }
}

/// <summary>The golden transcripts as the fuzzer uses them: commands, and ES10 requests reassembled per STORE DATA sequence.</summary>
public static class GoldenSeeds
{
    public sealed record Transcript(string Name, List<(byte[] Command, byte[] Response)> Exchanges);

    public static IReadOnlyList<Transcript> All { get; } = Load();

    private static List<Transcript> Load()
    {
        var result = new List<Transcript>();
        foreach (var path in Directory.EnumerateFiles(RepoPaths.Golden, "*.apdu").Order(StringComparer.Ordinal))
        {
            var exchanges = new List<(byte[], byte[])>();
            byte[]? command = null;
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith('>')) command = Convert.FromHexString(line[1..].Trim());
                else if (line.StartsWith('<') && command is not null) exchanges.Add((command, Convert.FromHexString(line[1..].Trim())));
            }
            result.Add(new Transcript(Path.GetFileNameWithoutExtension(path), exchanges));
        }
        return result;
    }

    /// <summary>Each STORE DATA sequence's data, reassembled (index of its first exchange, bytes).</summary>
    public static IEnumerable<(int Index, byte[] Request)> Es10Requests(Transcript transcript)
    {
        List<byte>? current = null;
        var first = 0;
        for (var i = 0; i < transcript.Exchanges.Count; i++)
        {
            var apdu = transcript.Exchanges[i].Command;
            if (apdu.Length < 5 || apdu[1] != 0xE2) continue;
            if (apdu[3] == 0 || current is null)
            {
                current = [];
                first = i;
            }
            var data = apdu[4] == 0 && apdu.Length >= 7 ? apdu[7..] : apdu[5..];
            if (apdu[4] != 0 && data.Length > apdu[4]) data = data[..apdu[4]];
            current.AddRange(data);
            if ((apdu[2] & 0x80) != 0)
            {
                yield return (first, [.. current]);
                current = null;
            }
        }
    }
}
