using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EuiccEmulator.Card;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;
using EuiccEmulator.Storage.LiteDb;
using EuiccEmulator.Vpcd;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu fleet: many cards in one directory (identities, reader configuration for pcscd).</summary>
public static class FleetCommand
{
    public const string Usage = "fleet init N --store-dir DIR [--ci DIR] | fleet reader-conf N [--vpcd-base-port P]";

    /// <summary>vpcd serves two slots per reader, on ports base and base+1.</summary>
    public const int SlotsPerVpcdReader = 2;

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        var a = new CliArgs(args, new HashSet<string>(), new HashSet<string> { "store-dir", "ci", "vpcd-base-port" });
        if (a.Positional.Count != 2) throw new CliException("fleet: expected 'init N' or 'reader-conf N'");
        var count = ParseCount(a.Positional[1]);
        switch (a.Positional[0])
        {
            case "init":
            {
                var dir = a.Value("store-dir") ?? throw new CliException("--store-dir: needed for fleet init");
                var chain = a.Value("ci") is { } ci ? LoadBundle(ci) : TestPki.Sgp26Nist;
                var file = Path.Combine(Path.GetFullPath(dir), FleetIdentityFile.FileName);
                if (File.Exists(file)) throw new CliException($"{file}: a fleet already exists there; nothing was changed");
                var watch = Stopwatch.StartNew();
                var identities = Mint(count, chain);
                var minted = watch.Elapsed;
                FleetIdentityFile.Write(file, identities);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{count} cards minted in {minted.TotalSeconds:F2} s, "
                        + $"written to {file} in {(watch.Elapsed - minted).TotalSeconds:F2} s (EIDs {identities[0].Eid} .. "
                        + $"{identities[^1].Eid})"));
                if (chain == TestPki.Sgp26Nist)
                    log.WriteLine("warning: these cards sign under the public GSMA SGP.26 TEST CI: TEST ONLY, never for production");
                return 0;
            }
            case "reader-conf":
                output.Write(ReaderConf(count, a.Int("vpcd-base-port", 1, 65535) ?? VpcdClientOptions.DefaultPort));
                return 0;
            default:
                throw new CliException($"fleet: unknown subcommand '{a.Positional[0]}'");
        }
    }

    private static int ParseCount(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100_000
            ? n
            : throw new CliException($"fleet: '{text}' is not a card count from 1 to 100000");

    /// <summary>
    /// Mints <paramref name="count"/> identities in parallel: one P-256 key pair and one CERT.EUICC each. EIDs are
    /// the chain's prefix, a random fleet number and the card's index, with SGP.29 check digits: distinct within the
    /// fleet and, with overwhelming probability, across fleets.
    /// </summary>
    public static IReadOnlyList<CardIdentityRecord> Mint(int count, CiBundle? chain = null, int firstIndex = 0, string? fleetDigits = null)
    {
        chain ??= TestPki.Sgp26Nist;
        var prefix = chain.EidPrefix.Length is > 0 and <= 18 ? chain.EidPrefix : EidGenerator.DefaultPrefix;
        const int IndexDigits = 8;
        var fleetLength = 30 - IndexDigits - prefix.Length;
        fleetDigits ??= RandomDigits(fleetLength);
        var options = new CardIdentityOptions { Chains = [chain] };
        var result = new CardIdentityRecord[count];
        Parallel.For(0, count, i =>
        {
            var first30 = string.Create(CultureInfo.InvariantCulture, $"{prefix}{fleetDigits}{firstIndex + i:D8}");
            result[i] = CardIdentityFactory.Create(Eid.WithCheckDigits(first30), options);
        });
        return result;
    }

    private static string RandomDigits(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++) builder.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        return builder.ToString();
    }

    /// <summary>
    /// The fleet's identities in <paramref name="dir"/>, minting and appending any missing up
    /// to <paramref name="count"/>.
    /// </summary>
    public static IReadOnlyList<CardIdentityRecord> LoadOrMint(string dir, int count, TextWriter log)
    {
        var file = Path.Combine(Path.GetFullPath(dir), FleetIdentityFile.FileName);
        var existing = File.Exists(file) ? FleetIdentityFile.Read(file) : [];
        if (existing.Count >= count) return existing;
        var fleetDigits = existing.Count > 0 ? existing[0].Eid[TestPki.Sgp26Nist.EidPrefix.Length..22] : null;
        var minted = Mint(count - existing.Count, firstIndex: existing.Count, fleetDigits: fleetDigits);
        var all = existing.Concat(minted).ToList();
        FleetIdentityFile.Write(file, all);
        log.WriteLine($"minted {minted.Count} card identities into {file}");
        return all;
    }

    /// <summary>reader.conf.d entries for pcscd: one vpcd reader per two ports, starting at <paramref name="basePort"/>.</summary>
    public static string ReaderConf(int cards, int basePort)
    {
        var text = new StringBuilder();
        for (var r = 0; r * SlotsPerVpcdReader < cards; r++)
        {
            var port = basePort + (r * SlotsPerVpcdReader);
            text.Append(CultureInfo.InvariantCulture, $"FRIENDLYNAME \"Virtual PCD {r}\"\n");
            text.Append(CultureInfo.InvariantCulture, $"DEVICENAME   /dev/null:0x{port:X4}\n");
            text.Append("LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so\n");
            text.Append(CultureInfo.InvariantCulture, $"CHANNELID    0x{port:X4}\n\n");
        }
        return text.ToString();
    }

    /// <summary>Opens card <paramref name="index"/> of a fleet: its own store file, opened lazily and released when idle.</summary>
    public static (LiteDbCardStore Store, VirtualEuicc Euicc) OpenCard(string dir, int index, CardIdentityRecord identity,
        Action<Exception>? onInternalError = null)
    {
        var store = LiteDbCardStore.Open(Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"card-{index:D5}.db")),
            new LiteDbStoreOptions { ReleaseWhenIdle = true });
        try
        {
            if (store.LoadIdentity() is { } stored && stored.Eid != identity.Eid)
                throw new CliException($"{store.Path}: holds card {stored.Eid}, the fleet file says {identity.Eid}");
            return (store, new VirtualEuicc(store, identity, onInternalError: onInternalError));
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static CiBundle LoadBundle(string dir)
    {
        try
        {
            return CiBundle.Load(dir);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new CliException($"--ci: {e.Message}");
        }
    }
}
