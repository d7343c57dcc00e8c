using System.CommandLine;
using EuiccEmulator.Card.Ecasd;
using EuiccEmulator.Cli.Parsing;
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
    public static Command Build(CliContext context)
    {
        var store = Opt.Store();
        var target = Opt.Text("--target", "pcsc[:READER]", "download into a card in a PC/SC reader instead of the stored card");
        var curve = Opt.Parsed("--curve", "nist|brainpool", "the SM-DP+'s curve (default nist)", KeysCommand.ParseCurve, "nist",
            "brainpool");
        var profile = Opt.Text("--profile", "FILE", "the profile package to download (default a generated USIM profile)");
        var ppk = Opt.Flag("--ppk", "protect the profile with a PPK (the BPP's replaceSessionKeys)");
        var blockSize = Opt.Int("--block-size", "N", 1, 65535,
            "STORE DATA block size (default 120; over 255 bytes, extended-length APDUs, which the card's ATR announces)");
        var iccid = Opt.Text("--iccid", "ICCID", "the generated profile's ICCID (default a random test ICCID)");
        var download = new Command("download",
            "a full SGP.22 download from the built-in test SM-DP+, step by step; every card signature verified")
        {
            store, target, curve, profile, ppk, blockSize, iccid,
        };
        download.SetAction(p => Download(context, p.GetValue(store), p.GetValue(target), p.GetValue(curve) ?? EcCurve.NistP256,
            p.GetValue(profile), p.GetValue(ppk), p.GetValue(blockSize) ?? 120, p.GetValue(iccid)));

        var iotStore = Opt.Store();
        var iot = new Command("iot", "the SGP.32 flows with the built-in test eIM and SM-DP+ (use a fresh --store)") { iotStore };
        iot.SetAction(p =>
        {
            using var host = CardHost.Open(p.GetValue(iotStore), null, context.Log);
            return new DemoIot(host.Euicc, context.Output).Run();
        });
        return new Command("demo", "end-to-end demonstrations with the built-in test servers") { download, iot };
    }

    private static int Download(CliContext context, string? store, string? targetText, EcCurve curve, string? profile, bool ppk,
        int blockSize,
        string? iccid)
    {
        var (output, log) = (context.Output, context.Log);
        var (upp, metadata) = LoadProfile(profile, iccid);
        var target = targetText ?? "in-process";
        if (target == "in-process")
        {
            using var host = CardHost.Open(store, null, log);
            host.Euicc.Card.PowerOn();
            var ciSki = host.Euicc.Ecasd.SigningCiSkis[0].ToArray();
            var code = Download(host.Euicc.Card, curve, ciSki, upp, metadata, ppk, blockSize, output);
            if (code == 0) output.WriteLine($"the profile is now in {host.Store.Path}: euicc-emu profiles list");
            return code;
        }
        if (target == "pcsc" || target.StartsWith("pcsc:", StringComparison.Ordinal))
        {
            if (store is not null) throw new CliException("--store: not used with --target pcsc (the card keeps its own state)");
            var reader = target.Length > 5 ? target[5..] : null;
            using var card = PcscTarget.Open(reader);
            // A real card's signing CI is whatever it lists first in EUICCInfo1; the SGP.26 NIST CI by default.
            return Download(card, curve, TestPki.Sgp26Nist.CiSubjectKeyId.ToArray(), upp, metadata, ppk, blockSize, output);
        }
        throw new CliException($"--target: '{target}' is not in-process or pcsc[:READER]");
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
        // Extended-length blocks carry Le, so that each answer comes back without GET RESPONSE.
        var client = new Es10Client(card, new Es10ClientOptions { BlockSize = blockSize, SendLe = blockSize > 255 });
        output.WriteLine($"SM-DP+ {smdp.Options.Address} ({curve}), profile {metadata.Iccid} ({upp.Length} bytes){(ppk ? ", PPK" : "")}, "
            + $"STORE DATA blocks of {blockSize}{(blockSize > 255 ? " (extended length)" : "")}");
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
        var random = System.Security.Cryptography.RandomNumberGenerator.GetBytes(12);
        var body = "8900019" + string.Concat(random.Select(b => (char)('0' + b % 10)));
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
