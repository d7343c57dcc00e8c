using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.Servers.Smdp;
using EuiccEmulator.State;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu demo download: a full SGP.22 download from the built-in test SM-DP+, step by step.</summary>
public static class DemoCommand
{
    public const string Usage =
        "demo download [--store FILE | --target pcsc[:READER]] [--curve nist|brainpool] [--profile FILE] [--ppk] [--block-size N] "
            + "[--iccid ICCID]"
        + " | demo iot [--store FILE]";

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        if (args.Length > 0 && args[0] == "iot") return Iot(args[1..], output, log);
        if (args.Length == 0 || args[0] != "download") throw new CliException($"demo: expected 'download' or 'iot'; usage: {Usage}");
        var a = new CliArgs(args[1..], new HashSet<string> { "ppk" },
            new HashSet<string> { "store", "target", "curve", "profile", "block-size", "iccid" });
        if (a.Positional.Count > 0) throw new CliException($"demo download: unexpected argument '{a.Positional[0]}'");
        var curve = EcCurve.NistP256;
        if (a.Value("curve") is { } curveText && !EcCurves.TryParse(curveText, out curve))
            throw new CliException($"--curve: '{curveText}' is not nist or brainpool");
        var blockSize = a.Int("block-size", 1, 255) ?? 120;
        var (upp, metadata) = LoadProfile(a.Value("profile"), a.Value("iccid"));

        var target = a.Value("target") ?? "in-process";
        if (target == "in-process")
        {
            using var host = CardHost.Open(a.Value("store"), null, log);
            host.Euicc.Card.PowerOn();
            var ciSki = host.Euicc.Ecasd.SigningCiSkis[0].ToArray();
            var code = Download(host.Euicc.Card, curve, ciSki, upp, metadata, a.Flag("ppk"), blockSize, output);
            if (code == 0) output.WriteLine($"the profile is now in {host.Store.Path}: euicc-emu profiles list");
            return code;
        }
        if (target == "pcsc" || target.StartsWith("pcsc:", StringComparison.Ordinal))
        {
            if (a.Value("store") is not null) throw new CliException("--store: not used with --target pcsc (the card keeps its own state)");
            var reader = target.Length > 5 ? target[5..] : null;
            using var card = PcscTarget.Open(reader);
            // A real card's signing CI is whatever it lists first in EUICCInfo1; the SGP.26 NIST CI by default.
            return Download(card, curve, TestPki.Sgp26Nist.CiSubjectKeyId.ToArray(), upp, metadata, a.Flag("ppk"), blockSize, output);
        }
        throw new CliException($"--target: '{target}' is not in-process or pcsc[:READER]");
    }

    private static int Iot(string[] args, TextWriter output, TextWriter log)
    {
        var a = new CliArgs(args, new HashSet<string>(), new HashSet<string> { "store" });
        if (a.Positional.Count > 0) throw new CliException($"demo iot: unexpected argument '{a.Positional[0]}'");
        using var host = CardHost.Open(a.Value("store"), null, log);
        return new DemoIot(host.Euicc, output).Run();
    }

    private static int Download(ICard card, EcCurve curve, byte[] ciSki, byte[] upp, ProfileMetadata metadata, bool ppk,
        int blockSize, TextWriter output)
    {
        var smdp = new TestSmdp(new TestSmdpOptions
        {
            Curve = curve,
            EuiccCiPkIdToBeUsed = ciSki,
            CiCertificate = TestPki.CiCertificate(EcCurve.NistP256), // the card's chain is checked under the SGP.26 NIST CI
        });
        var client = new Es10Client(card, new Es10ClientOptions { BlockSize = blockSize });
        output.WriteLine($"SM-DP+ {smdp.Options.Address} ({curve}), profile {metadata.Iccid} ({upp.Length} bytes){(ppk ? ", PPK" : "")}, "
            + $"STORE DATA blocks of {blockSize}");
        var result = new DownloadDriver(client, smdp).Run(new DownloadRequest { Upp = upp, Metadata = metadata, WithPpk = ppk });
        var n = 1;
        foreach (var step in result.Steps) output.WriteLine($"{n++,3}. {step}");
        if (!result.Success)
        {
            output.WriteLine($"download FAILED at {result.FailedStep}: {result.Problem}");
            return 1;
        }
        output.WriteLine($"installed {metadata.Iccid} in ISD-P {Convert.ToHexString(result.IsdpAid!)}; every card signature verified; "
            + $"{result.Elapsed.TotalMilliseconds:F1} ms in all");
        return 0;
    }

    private static (byte[] Upp, ProfileMetadata Metadata) LoadProfile(string? file, string? iccidText)
    {
        Iccid? iccid = null;
        if (iccidText is not null)
            iccid = Iccid.TryParse(iccidText, out var parsed) ? parsed : throw new CliException("--iccid: 18 to 20 decimal digits");
        byte[] upp;
        ProfileRecord record;
        if (file is null)
        {
            var chosen = iccid ?? Iccid.Parse(RandomIccid());
            upp = ProfilePackageBuilder.BuildUsim(new UsimProfileParameters
            {
                Iccid = chosen,
                Imsi = "001010000000" + chosen.Digits[^4..^1],
                K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F"),
                Opc = Convert.FromHexString("101112131415161718191A1B1C1D1E1F"),
            });
            record = ProfileImporter.Import(upp).Profile! with { ServiceProviderName = "Demo Operator", ProfileName = "Demo profile" };
        }
        else
        {
            try
            {
                upp = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"{file}: {e.Message}");
            }
            var json = Path.ChangeExtension(file, ".json");
            var imported = ProfileImporter.Import(upp, File.Exists(json) ? File.ReadAllText(json) : null, null,
                new ProfileImportOptions { PackageName = file, MetadataName = json });
            if (!imported.IsSuccess) throw new CliException(imported.Error!);
            record = imported.Profile!;
            if (iccid is not null && iccid != record.Iccid) throw new CliException($"--iccid: {file} carries ICCID {record.Iccid}");
        }
        return (upp, record.ToMetadata());
    }

    // A test-range ICCID (89 00 01 ...) with a Luhn check digit, fresh for each demo run.
    private static string RandomIccid()
    {
        var body = "8900019"
            + string.Concat(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12).Select(b => (char)('0' + b % 10)));
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var d = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return body + (char)('0' + (10 - sum % 10) % 10);
    }
}
