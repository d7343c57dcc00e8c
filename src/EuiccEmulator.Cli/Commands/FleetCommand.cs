using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EuiccEmulator.Card;
using EuiccEmulator.Cli.Parsing;
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
    /// <summary>vpcd serves two slots per reader, on ports base and base+1.</summary>
    public const int SlotsPerVpcdReader = 2;

    public static Command Build(CliContext context)
    {
        var count = CountArgument();
        var storeDir = Opt.Needed("--store-dir", "DIR", "the fleet's directory (created if missing)", "--store-dir: needed for fleet init");
        var ci = Opt.Text("--ci", "DIR", "sign under this private CI (euicc-emu keys new-ci) instead of the SGP.26 test CI");
        var init = new Command("init", "mints N card identities (EID, key pair, CERT.EUICC) into DIR's fleet file") { count, storeDir, ci };
        init.SetAction(p => Init(context, p.GetValue(count), p.GetValue(storeDir)!, p.GetValue(ci)));

        var readers = CountArgument();
        var basePort = Opt.Int("--vpcd-base-port", "P", 1, 65535, "the first card's vpcd port (default 35963)");
        var conf = new Command("reader-conf", "prints the pcscd reader.conf.d lines for N cards (one vpcd reader per two ports)")
        {
            readers, basePort,
        };
        conf.SetAction(p =>
        {
            context.Output.Write(ReaderConf(p.GetValue(readers), p.GetValue(basePort) ?? VpcdClientOptions.DefaultPort));
            return 0;
        });
        return new Command("fleet", "many cards in one directory: identities, and reader configuration for pcscd") { init, conf };
    }

    private static Argument<int> CountArgument()
    {
        var count = new Argument<int>("N")
        {
            Description = "the number of cards, 1 to 100000",
            CustomParser = r =>
            {
                var text = r.Tokens[0].Value;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100_000) return n;
                r.AddError($"fleet: '{text}' is not a card count from 1 to 100000");
                return 0;
            },
        };
        return count;
    }

    private static int Init(CliContext context, int count, string dir, string? ci)
    {
        var chain = ci is not null ? LoadBundle(ci) : TestPki.Sgp26Nist;
        var file = Path.Combine(Path.GetFullPath(dir), FleetIdentityFile.FileName);
        if (File.Exists(file)) throw new CliException($"{file}: a fleet already exists there; nothing was changed");
        var watch = Stopwatch.StartNew();
        IReadOnlyList<CardIdentityRecord> identities;
        using (var progress = context.Progress("minting card identities", count)) identities = Mint(count, chain, progress: progress);
        var minted = watch.Elapsed;
        FleetIdentityFile.Write(file, identities);
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} cards minted in {minted.TotalSeconds:F2} s, written to {file} in {(watch.Elapsed - minted).TotalSeconds:F2} s "
            + $"(EIDs {identities[0].Eid} .. {identities[^1].Eid})"));
        if (chain == TestPki.Sgp26Nist)
            context.Log.WriteLine("warning: these cards sign under the public GSMA SGP.26 TEST CI: TEST ONLY, never for production");
        return 0;
    }

    /// <summary>
    /// Mints <paramref name="count"/> identities in parallel: one P-256 key pair and one CERT.EUICC each. EIDs are
    /// the chain's prefix, a random fleet number and the card's index, with SGP.29 check digits: distinct within the
    /// fleet and, with overwhelming probability, across fleets.
    /// </summary>
    public static IReadOnlyList<CardIdentityRecord> Mint(int count, CiBundle? chain = null, int firstIndex = 0, string? fleetDigits = null,
        ProgressLine? progress = null)
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
            progress?.Step();
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
    /// The fleet's identities in <paramref name="dir"/>, minting and appending any missing up to <paramref name="count"/>.
    /// </summary>
    public static IReadOnlyList<CardIdentityRecord> LoadOrMint(string dir, int count, TextWriter log, ProgressLine? progress = null)
    {
        var file = Path.Combine(Path.GetFullPath(dir), FleetIdentityFile.FileName);
        var existing = File.Exists(file) ? FleetIdentityFile.Read(file) : [];
        if (existing.Count >= count) return existing;
        progress?.Advance(existing.Count);
        var fleetDigits = existing.Count > 0 ? existing[0].Eid[TestPki.Sgp26Nist.EidPrefix.Length..22] : null;
        var minted = Mint(count - existing.Count, firstIndex: existing.Count, fleetDigits: fleetDigits, progress: progress);
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
