using EuiccEmulator.Card;
using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Pki;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu demo iot: the SGP.32 flows end to end, with the built-in test eIM and SM-DP+.</summary>
internal sealed class DemoIot(VirtualEuicc euicc, TextWriter output)
{
    private readonly Es10Client _client = new(euicc.Card);
    private int _step;

    public int Run()
    {
        euicc.Card.PowerOn();
        _client.Open();
        using var eim = new TestEim(new TestEimOptions { Eid = euicc.Ecasd.Eid });
        output.WriteLine($"eUICC {euicc.Ecasd.Eid}, test eIM {eim.EimId} (SGP.26 eIM key), test SM-DP+ {TestSmdpOptions.DefaultAddress}");

        var added = eim.AcceptAddInitialEimResponse(Send(TestEim.BuildAddInitialEimRequest(
            eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken })));
        if (!added.IsOk) return Fail("AddInitialEim refused (is an eIM already associated? use a fresh --store)");
        Print("AddInitialEim", $"associated, association token {eim.AssociationToken}");
        var certs = TestEim.ParseGetCertsResponse(Send(TestEim.BuildGetCertsRequest(null)));
        eim.TrustEuiccCertificate(certs, TestPki.CiCertificate(EcCurve.NistP256));
        Print("GetCerts", "CERT.EUICC and CERT.EUM verified up to the SGP.26 CI");

        var main = Download("Main operator", fallbackAllowed: false, ecall: false);
        var backup = Download("Backup operator", fallbackAllowed: true, ecall: false);
        var emergency = Download("Emergency", fallbackAllowed: false, ecall: true);
        if (main is null || backup is null || emergency is null) return Fail("download failed");

        if (!Package(eim, "enable main", [Psmo.Enable(main.Value)])) return 1;
        if (!Package(eim, "enable backup with rollback", [Psmo.Enable(backup.Value, rollbackFlag: true)])) return 1;
        var rollback = TestEim.ParseProfileRollbackResponse(Send(TestEim.BuildProfileRollbackRequest(false)));
        var replayed = rollback.EuiccPackageResult is { } epr ? TestEim.ParseEuiccPackageResult(epr) : null;
        Print("ProfileRollback", $"cmdResult {rollback.CmdResult}; back on main; returned the stored result seq {replayed?.SeqNumber}");
        if (rollback.CmdResult != 0) return Fail("rollback refused");

        if (!Package(eim, "set fallback attribute on backup", [Psmo.SetFallbackAttribute(backup.Value)])) return 1;
        Check("ExecuteFallbackMechanism",
            TestEim.ParseExecuteFallbackMechanismResponse(Send(TestEim.BuildExecuteFallbackMechanismRequest(false))), "backup enabled");
        Check("ReturnFromFallback", TestEim.ParseReturnFromFallbackResponse(Send(TestEim.BuildReturnFromFallbackRequest(false))),
            "main enabled again");
        Check("EnableEmergencyProfile",
            TestEim.ParseEnableEmergencyProfileResponse(Send(TestEim.BuildEnableEmergencyProfileRequest(false))),
            "emergency profile enabled");
        var duringEcall = eim.BuildEuiccPackage([Psmo.GetRat()]);
        var refused = eim.VerifyEuiccPackageResult(Send(duringEcall.Encoded), duringEcall);
        Print("LoadEuiccPackage during ecall", $"refused with error {refused.ErrorCode} (ecallActive), "
            + $"signature {(refused.SignatureValid == true ? "verified" : "NOT verified")}");
        Check("DisableEmergencyProfile",
            TestEim.ParseDisableEmergencyProfileResponse(Send(TestEim.BuildDisableEmergencyProfileRequest(false))), "main enabled again");

        foreach (var p in euicc.Engine.Profiles)
        {
            output.WriteLine($"     {p.Iccid}  {p.State.ToString().ToLowerInvariant(),-8}  "
                + $"{p.ProfileName}{(p.FallbackAttribute ? "  [fallback]" : "")}{(p.EcallIndication ? "  [emergency]" : "")}");
        }
        output.WriteLine("all SGP.32 steps done; every signed eUICC Package Result verified");
        return 0;
    }

    private Iccid? Download(string name, bool fallbackAllowed, bool ecall)
    {
        var body = $"890001000000{_step + 300:D7}"; // 19 digits, then the Luhn check digit
        var iccid = Iccid.Parse(body + Luhn(body));
        var upp = ProfilePackageBuilder.BuildIotMinimal(new IotProfileParameters
        {
            Iccid = iccid,
            Imsi = "00101000000" + iccid.Digits[^5..^1],
            K = Convert.FromHexString("000102030405060708090A0B0C0D0E0F"),
            Opc = Convert.FromHexString("101112131415161718191A1B1C1D1E1F"),
        });
        var metadata = new ProfileMetadata
        {
            Iccid = iccid,
            ServiceProviderName = "Demo IoT",
            ProfileName = name,
            FallbackAllowed = fallbackAllowed,
            EcallIndication = ecall,
        };
        var result = new DownloadDriver(_client, new TestSmdp()).Run(new DownloadRequest { Upp = upp, Metadata = metadata });
        Print("download " + name,
            result.Success ? $"installed {iccid} in ISD-P {Convert.ToHexString(result.IsdpAid!)}, PIR verified" : result.Problem!);
        return result.Success ? iccid : null;
    }

    private bool Package<T>(TestEim eim, string what, IEnumerable<T> operations)
    {
        var request = operations switch
        {
            IEnumerable<Psmo> psmos => eim.BuildEuiccPackage(psmos),
            IEnumerable<Eco> ecos => eim.BuildEuiccPackage(ecos),
            _ => throw new ArgumentException("PSMOs or eCOs", nameof(operations)),
        };
        var result = eim.VerifyEuiccPackageResult(Send(request.Encoded), request);
        Print($"LoadEuiccPackage ({what})", $"counter {request.CounterValue}, seq {result.SeqNumber}, "
            + $"results {string.Join(", ", result.Results)}, "
            + $"signature {(result.SignatureValid == true ? "verified" : "NOT verified")}");
        if (result.IsValid && result.AllOk)
        {
            Send([0xBF, 0x30, 0x03, 0x80, 0x01, (byte)result.SeqNumber!.Value]); // the eIM acknowledges the result
            return true;
        }
        output.WriteLine("     problem: " + string.Join("; ", result.Problems));
        return false;
    }

    private byte[] Send(byte[] request)
    {
        var response = _client.Send(request);
        if (response.StatusWord >> 8 == 0x91)
        {
            // Play the terminal: fetch the REFRESH and confirm it.
            euicc.Card.Transmit([0x80, 0x12, 0x00, 0x00, (byte)response.StatusWord]);
            euicc.Card.Transmit(Convert.FromHexString("801400000C810301010402028281830100"));
        }
        return response.Data;
    }

    private void Check(string what, int result, string effect) => Print(what, result == 0 ? $"ok: {effect}" : $"result {result}");

    private void Print(string what, string detail) => output.WriteLine($"{++_step,3}. {what}: {detail}");

    private int Fail(string why)
    {
        output.WriteLine("demo FAILED: " + why);
        return 1;
    }

    private static char Luhn(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var d = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }
}
