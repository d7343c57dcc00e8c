using System.Diagnostics;
using System.Text.Json;
using EuiccEmulator.Cli.Tests.Support;
using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;

namespace EuiccEmulator.Cli.Tests;

/// <summary>
/// The verbs that read and change a stored card without serving it: the same ES10 and UICC commands an LPA or a
/// terminal would send, so the card's rules and notifications apply; and their --json documents (docs/cli-json.md).
/// </summary>
public sealed class StoredCardTests : IDisposable
{
    private const string Usim = "89000100000000000102";
    private const string Iot = "89000100000000000201";
    private const string UsimAdf = "A0000000871002FF49FF0589";
    private readonly string _dir = Directory.CreateTempSubdirectory("euicc-stored-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Store => Path.Combine(_dir, "card.db");

    private string CardWithProfiles() => CardWithProfilesIn(Store);

    private static string CardWithProfilesIn(string store)
    {
        var profiles = Path.Combine(Cmd.Repo(), "profiles");
        var run = Cmd.Run("profiles", "import", Path.Combine(profiles, "usim-classic.der"), Path.Combine(profiles, "iot-minimal.der"),
            "--store", store);
        Assert.True(run.Code == 0, run.Err);
        Assert.Equal(2, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        return store;
    }

    private static JsonElement Json(params string[] args) => JsonExit(0, args);

    private static JsonElement JsonExit(int exit, params string[] args)
    {
        var (code, output, err) = Cmd.Run([.. args, "--json"]);
        Assert.True(code == exit, $"exit {code}: {err}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    private static void AssertMembers(JsonElement element, params (string Name, JsonValueKind Kind)[] members)
    {
        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        foreach (var (name, kind) in members)
        {
            Assert.True(element.TryGetProperty(name, out var value), $"member {name} missing in {element}");
            Assert.True(value.ValueKind == kind || (kind == JsonValueKind.Null && value.ValueKind == JsonValueKind.String)
                || (kind == JsonValueKind.Undefined), $"{name}: {value.ValueKind}, expected {kind}");
        }
        Assert.Equal(members.Select(m => m.Name), element.EnumerateObject().Select(p => p.Name));
    }

    private const JsonValueKind Str = JsonValueKind.String;
    private const JsonValueKind Num = JsonValueKind.Number;
    private const JsonValueKind Arr = JsonValueKind.Array;
    private const JsonValueKind Obj = JsonValueKind.Object;
    private const JsonValueKind StrOrNull = JsonValueKind.Null;
    private const JsonValueKind Bool = JsonValueKind.Undefined; // true or false

    [Fact]
    public void Profiles_list_json_has_the_documented_members()
    {
        var store = CardWithProfiles();
        var doc = Json("profiles", "list", "--store", store);
        AssertMembers(doc, ("schema", Str), ("eid", Str), ("profiles", Arr));
        Assert.Equal("euicc-emu/profiles-list/1", doc.GetProperty("schema").GetString());
        var profile = doc.GetProperty("profiles")[0];
        AssertMembers(profile, ("iccid", Str), ("isdpAid", Str), ("state", Str), ("profileClass", Str), ("serviceProviderName", StrOrNull),
            ("profileName", StrOrNull), ("nickname", StrOrNull), ("profileOwnerMccMnc", StrOrNull), ("pprs", Arr), ("ecallIndication",
                Bool),
            ("fallbackAllowed", Bool), ("fallbackAttribute", Bool), ("origin", Str), ("packageSize", Num));
        Assert.Equal(Usim, profile.GetProperty("iccid").GetString());
        Assert.Equal("disabled", profile.GetProperty("state").GetString());
        Assert.Equal("usim-classic", profile.GetProperty("nickname").GetString());
        Assert.Equal(JsonValueKind.Null, doc.GetProperty("profiles")[1].GetProperty("nickname").ValueKind);
    }

    [Fact]
    public void Enable_goes_through_ES10c_with_its_rules_and_notification()
    {
        var store = CardWithProfiles();
        var enable = Cmd.Run("profiles", "enable", Usim, "--store", store);
        Assert.True(enable.Code == 0, enable.Err);
        Assert.Equal($"enabled {Usim}\n", enable.Out.ReplaceLineEndings("\n"));

        // The card's own rule: an enabled profile cannot be enabled again (profileNotInDisabledState).
        var again = JsonExit(1, "profiles", "enable", Usim, "--store", store);
        AssertMembers(again, ("schema", Str), ("eid", Str), ("function", Str), ("target", Str), ("result", Num), ("resultName", Str),
            ("ok", Bool));
        Assert.Equal(2, again.GetProperty("result").GetInt32());
        Assert.Equal("profileNotInDisabledState", again.GetProperty("resultName").GetString());
        Assert.Equal(1, Cmd.Run("profiles", "enable", Usim, "--store", store).Code);
        Assert.Equal(1, Cmd.Run("profiles", "delete", Usim, "--store", store).Code); // deleting the enabled profile is refused

        // The enable notification, as ES10b ListNotification returns it.
        var notifications = Json("notifications", "list", "--store", store);
        AssertMembers(notifications, ("schema", Str), ("eid", Str), ("notifications", Arr));
        var n = Assert.Single(notifications.GetProperty("notifications").EnumerateArray());
        AssertMembers(n, ("seqNumber", Num), ("operation", Str), ("notificationAddress", StrOrNull), ("iccid", StrOrNull));
        Assert.Equal("enable", n.GetProperty("operation").GetString());
        Assert.Equal(Usim, n.GetProperty("iccid").GetString());
        Assert.Equal("smdp.example.test", n.GetProperty("notificationAddress").GetString());

        var seq = n.GetProperty("seqNumber").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, Cmd.Run("notifications", "remove", seq, "--store", store).Code);
        Assert.Equal(1, Cmd.Run("notifications", "remove", seq, "--store", store).Code); // nothingToDelete
        Assert.Contains("no pending notifications", Cmd.Run("notifications", "list", "--store", store).Out, StringComparison.Ordinal);

        // Switching by ISD-P AID; disable and delete notify as the profile's metadata asks.
        Assert.Equal(0, Cmd.Run("profiles", "disable", "A0000005591010FFFFFFFF8900001000", "--store", store).Code);
        Assert.Equal(0, Cmd.Run("profiles", "delete", Usim, "--store", store).Code);
        var operations = Json("notifications", "list", "--store", store).GetProperty("notifications").EnumerateArray()
            .Select(x => x.GetProperty("operation").GetString()).ToList();
        Assert.Equal(["disable", "delete"], operations);
        Assert.DoesNotContain(Usim, Cmd.Run("profiles", "list", "--store", store).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Nickname_and_export_round_trip_through_import()
    {
        var store = CardWithProfiles();
        Assert.Equal(0, Cmd.Run("profiles", "nickname", Iot, "sensor", "--store", store).Code);
        var package = Path.Combine(_dir, "out", "iot.der");
        Directory.CreateDirectory(Path.GetDirectoryName(package)!);
        var export = Cmd.Run("profiles", "export", Iot, "--out", package, "--store", store);
        Assert.True(export.Code == 0, export.Err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Cmd.Repo(), "profiles", "iot-minimal.der")), File.ReadAllBytes(package));

        var other = Path.Combine(_dir, "other.db");
        Assert.Equal(0, Cmd.Run("profiles", "import", package, "--store", other).Code);
        var original = Json("profiles", "list", "--store", store).GetProperty("profiles")[1];
        var copy = Json("profiles", "list", "--store", other).GetProperty("profiles")[0];
        Assert.Equal("sensor", copy.GetProperty("nickname").GetString());
        foreach (var member in new[] { "iccid", "profileClass", "serviceProviderName", "profileName", "profileOwnerMccMnc", "packageSize" })
            Assert.Equal(original.GetProperty(member).ToString(), copy.GetProperty(member).ToString());
    }

    [Fact]
    public void Info_json_names_versions_cis_options_and_counts()
    {
        var store = CardWithProfiles();
        Assert.Equal(0, Cmd.Run("profiles", "enable", Iot, "--store", store).Code);
        var info = Json("info", "--store", store);
        AssertMembers(info, ("schema", Str), ("eid", Str), ("store", Str), ("enabledProfile", StrOrNull), ("versions", Obj),
            ("cisForVerification", Arr), ("cisForSigning", Arr), ("options", Obj), ("counts", Obj));
        Assert.Equal("89049032123451234512345678901235", info.GetProperty("eid").GetString());
        Assert.Equal(Iot, info.GetProperty("enabledProfile").GetString());
        var versions = info.GetProperty("versions");
        AssertMembers(versions, ("svn", StrOrNull), ("profileVersion", StrOrNull), ("euiccFirmwareVer", StrOrNull), ("ts102241Version",
            StrOrNull),
            ("globalplatformVersion", StrOrNull), ("ppVersion", StrOrNull), ("sgp32", Str), ("iotVersions", Arr));
        Assert.Equal("2.5.0", versions.GetProperty("svn").GetString());
        Assert.Equal("1.2", versions.GetProperty("sgp32").GetString());
        var ci = info.GetProperty("cisForSigning")[0];
        AssertMembers(ci, ("subjectKeyIdentifier", Str), ("name", StrOrNull));
        Assert.Equal(40, ci.GetProperty("subjectKeyIdentifier").GetString()!.Length);
        Assert.Contains("CN=", ci.GetProperty("name").GetString(), StringComparison.Ordinal);
        AssertMembers(info.GetProperty("options"), ("euiccCategory", StrOrNull), ("rspCapability", StrOrNull), ("ipaMode", StrOrNull),
            ("defaultDpAddress", StrOrNull), ("rootDsAddress", StrOrNull), ("immediateEnable", Bool), ("emergencyActive", Bool),
            ("fallbackProfile", StrOrNull));
        var counts = info.GetProperty("counts");
        AssertMembers(counts, ("profiles", Num), ("notifications", Num), ("packageResults", Num), ("eims", Num));
        Assert.Equal(2, counts.GetProperty("profiles").GetInt32());
        Assert.Equal(0, counts.GetProperty("notifications").GetInt32()); // iot-minimal notifies install and delete only
    }

    [Fact]
    public void Eim_list_results_list_and_eim_remove_show_the_SGP32_state()
    {
        // Associate the test eIM and run one package whose result the eIM never acknowledges: the card keeps it.
        using (var host = CardHost.Open(Store, null, TextWriter.Null))
        {
            host.Euicc.Card.PowerOn();
            var client = new Es10Client(host.Euicc.Card);
            client.Open();
            using var eim = new TestEim(new TestEimOptions { Eid = host.Euicc.Ecasd.Eid });
            var added = eim.AcceptAddInitialEimResponse(client.Send(TestEim.BuildAddInitialEimRequest(
                eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken })).Data);
            Assert.True(added.IsOk);
            Assert.True(client.Send(eim.BuildEuiccPackage([Psmo.GetRat()]).Encoded).IsSuccess);
        }

        var eims = Json("eim", "list", "--store", Store);
        AssertMembers(eims, ("schema", Str), ("eid", Str), ("eims", Arr));
        var entry = Assert.Single(eims.GetProperty("eims").EnumerateArray());
        AssertMembers(entry, ("eimId", Str), ("eimFqdn", StrOrNull), ("eimIdType", StrOrNull), ("counterValue", Num), ("associationToken",
            Num),
            ("eimPublicKeyData", StrOrNull), ("supportedProtocols", Arr), ("euiccCiPkId", StrOrNull), ("indirectProfileDownload", Bool));
        Assert.Equal(TestEimOptions.DefaultEimId, entry.GetProperty("eimId").GetString());
        Assert.Equal(1, entry.GetProperty("counterValue").GetInt64());

        var results = Json("results", "list", "--store", Store);
        AssertMembers(results, ("schema", Str), ("eid", Str), ("results", Arr));
        var result = Assert.Single(results.GetProperty("results").EnumerateArray());
        AssertMembers(result, ("seqNumber", Num), ("kind", Str), ("eimId", Str), ("counterValue", Num), ("transactionId", StrOrNull),
            ("errorCode", JsonValueKind.Null), ("results", Arr), ("encoded", Str));
        Assert.Equal("signed", result.GetProperty("kind").GetString());
        Assert.Equal("getRat", result.GetProperty("results")[0].GetProperty("kind").GetString());
        Assert.StartsWith("BF51", result.GetProperty("encoded").GetString(), StringComparison.Ordinal);

        var removed = Cmd.Run("eim", "remove", TestEimOptions.DefaultEimId, "--store", Store);
        Assert.True(removed.Code == 0, removed.Err);
        Assert.Contains("lastEimDeleted", removed.Out, StringComparison.Ordinal);
        Assert.Equal(0, Json("eim", "list", "--store", Store).GetProperty("eims").GetArrayLength());
        Assert.Equal(1, Cmd.Run("eim", "remove", TestEimOptions.DefaultEimId, "--store", Store).Code);
    }

    [Fact]
    public void Fs_lists_the_enabled_profile_and_reads_files_under_their_access_rules()
    {
        var store = CardWithProfiles();
        var none = Cmd.Run("fs", "ls", "--store", store);
        Assert.Equal(1, none.Code);
        Assert.Contains("no profile is enabled", none.Err, StringComparison.Ordinal);
        Assert.Equal(0, Cmd.Run("profiles", "enable", Usim, "--store", store).Code);

        var ls = Json("fs", "ls", "--store", store);
        AssertMembers(ls, ("schema", Str), ("eid", Str), ("iccid", Str), ("files", Arr));
        Assert.Equal(Usim, ls.GetProperty("iccid").GetString());
        var iccidFile = ls.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "3F00/2FE2");
        AssertMembers(iccidFile, ("path", Str), ("fid", Str), ("name", Str), ("kind", Str), ("size", Num), ("records", JsonValueKind.Null),
            ("recordLength", JsonValueKind.Null), ("sfi", JsonValueKind.Undefined), ("aid", JsonValueKind.Null), ("modified", Bool));
        Assert.Equal("ef-iccid", iccidFile.GetProperty("name").GetString());
        Assert.Contains(ls.GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString() == UsimAdf + "/6F07");

        // EF.ICCID is readable without a PIN: the ICCID in swapped BCD.
        Assert.Equal("98001000000000001020\n", Cmd.Run("fs", "cat", "3F00/2FE2", "--store", store).Out.ReplaceLineEndings("\n"));
        var records = Json("fs", "cat", "2F00", "--store", store);
        AssertMembers(records, ("schema", Str), ("eid", Str), ("iccid", Str), ("path", Str), ("kind", Str), ("data", JsonValueKind.Null),
            ("records", Arr));
        Assert.StartsWith("61", records.GetProperty("records")[0].GetString(), StringComparison.Ordinal);

        // EF.IMSI needs PIN1, as the card's access rules say.
        var refused = Cmd.Run("fs", "cat", UsimAdf + "/6F07", "--store", store);
        Assert.Equal(1, refused.Code);
        Assert.Contains("6982", refused.Err, StringComparison.Ordinal);
        var imsi = Json("fs", "cat", UsimAdf + "/6F07", "--pin", "0000", "--store", store);
        Assert.Equal("080910100000000010", imsi.GetProperty("data").GetString());
        Assert.Equal(2, Cmd.Run("fs", "cat", "3F00/7777", "--store", store).Code);
    }

    [Fact]
    public void Apdu_store_check_and_conformance_list_print_their_json_documents()
    {
        var apdu = Json("apdu", "--store", Store, "00A4040C10A0000005591010FFFFFFFF8900000100", "80E2910006BF3E035C015A00");
        AssertMembers(apdu, ("schema", Str), ("eid", Str), ("exchanges", Arr));
        var second = apdu.GetProperty("exchanges")[1];
        AssertMembers(second, ("command", Str), ("data", Str), ("sw", Str));
        Assert.Equal("9000", second.GetProperty("sw").GetString());
        Assert.StartsWith("BF3E125A10", second.GetProperty("data").GetString(), StringComparison.Ordinal);

        var check = Json("store", "check", Store);
        AssertMembers(check, ("schema", Str), ("path", Str), ("healthy", Bool), ("profiles", Num), ("notifications", Num), ("problems",
            Arr));
        Assert.True(check.GetProperty("healthy").GetBoolean());

        var cases = Json("conformance", "--list", "--filter", "ES10c.EnableProfile");
        AssertMembers(cases, ("schema", Str), ("sgp32", Str), ("cases", Arr));
        AssertMembers(cases.GetProperty("cases")[0], ("id", Str), ("area", Str), ("section", Str), ("title", Str));
        var run = Json("conformance", "--filter", "ES10c.EnableProfile.Ok");
        AssertMembers(run, ("schema", Str), ("target", Str), ("sgp32", Str), ("passed", Num), ("failed", Num), ("skipped", Num),
            ("results", Arr));
        Assert.Equal(1, run.GetProperty("passed").GetInt32());
        AssertMembers(run.GetProperty("results")[0], ("id", Str), ("outcome", Str), ("detail", StrOrNull), ("milliseconds", Num));
    }

    [Theory]
    [InlineData("info")]
    [InlineData("notifications", "list")]
    [InlineData("results", "list")]
    [InlineData("eim", "list")]
    [InlineData("fs", "ls")]
    [InlineData("profiles", "enable", Usim)]
    public void Stored_card_verbs_never_create_a_card(params string[] verb)
    {
        var (code, _, err) = Cmd.Run([.. verb, "--store", Store]);
        Assert.Equal(3, code);
        Assert.Contains("no such card store", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Store));
    }

    [Fact]
    public void Profiles_apps_lists_the_java_card_packages_and_instances_a_profile_carries()
    {
        // usim-classic with one PE-Application (SAIP v3.3.1) before its End PE: one load package, one instance.
        var package = File.ReadAllBytes(Path.Combine(Cmd.Repo(), "profiles", "usim-classic.der"));
        var end = Enumerable.Range(2, 20).First(k => package[^k] == 0xAA && package[package.Length - k + 1] == k - 2);
        const string Application = "A84FA003810120A11D4F07A00000055900014F08A000000151000000C1020102C404CAFEBABEA229"
            + "30274F07A00000055900014F08A0000005590001014F08A000000559000102820300000083010FC900";
        var file = Path.Combine(_dir, "apps.der");
        File.WriteAllBytes(file, [.. package[..^end], .. Convert.FromHexString(Application), .. package[^end..]]);
        Assert.Equal(0, Cmd.Run("profiles", "import", file, "--store", Store).Code);

        var (code, output, err) = Cmd.Run("profiles", "apps", Usim, "--store", Store);
        Assert.True(code == 0, err);
        Assert.Equal(
            [
                $"{Usim}: 1 load package, 1 instance (kept with the profile, not run)",
                "load package A0000005590001  security domain A000000151000000  4 bytes  hash 0102",
                "instance A000000559000102  class A000000559000101  package A0000005590001  privileges 000000  state 0F",
            ],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var json = Json("profiles", "apps", Usim, "--store", Store);
        AssertMembers(json, ("schema", Str), ("eid", Str), ("iccid", Str), ("loadPackages", Arr), ("instances", Arr));
        Assert.Equal("euicc-emu/profiles-apps/1", json.GetProperty("schema").GetString());
        AssertMembers(json.GetProperty("loadPackages")[0], ("aid", Str), ("securityDomainAid", StrOrNull), ("loadBlockLength", Num),
            ("hash", StrOrNull));
        var instance = json.GetProperty("instances")[0];
        AssertMembers(instance, ("instanceAid", Str), ("classAid", Str), ("packageAid", Str), ("privileges", Str), ("lifeCycleState", Str));
        Assert.Equal("0F", instance.GetProperty("lifeCycleState").GetString());

        // A profile without PE-Application lists none; an ICCID not on the card is a one-line error.
        var bare = Json("profiles", "apps", Usim, "--store", CardWithProfilesIn(Path.Combine(_dir, "bare.db")));
        Assert.Equal(0, bare.GetProperty("instances").GetArrayLength());
        var missing = Cmd.Run("profiles", "apps", "89000100000000000300", "--store", Store);
        Assert.Equal(2, missing.Code); // as profiles export: a usage error
        Assert.Contains("error: profiles apps: 89000100000000000300 is not on the card", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_held_by_serve_is_refused_in_one_line_naming_its_pid()
    {
        Assert.Equal(0, Cmd.Run("init", "--store", Store).Code);
        // serve holds the store while it waits for vpcd (nothing listens on port 9).
        using var serve = Process.Start(Cmd.StartInfo("serve", "--store", Store, "--vpcd", "127.0.0.1:9"))!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(Store + ".pid") && DateTime.UtcNow < deadline) await Task.Delay(100);
            var (code, output, err) = await Cmd.RunProcess("info", "--store", Store);
            Assert.Equal(3, code);
            Assert.Equal("", output);
            var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal($"error: {Store}: the store is in use by another process (pid {serve.Id}, euicc-emu serve)", line);
        }
        finally
        {
            serve.Kill();
            await serve.WaitForExitAsync();
        }
    }
}
