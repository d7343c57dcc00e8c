using System.CommandLine;
using EuiccEmulator.Cli.Parsing;
using EuiccEmulator.Rsp;
using EuiccEmulator.Rsp.Trace;
using EuiccEmulator.State;

namespace EuiccEmulator.Cli.Commands;

/// <summary>
/// euicc-emu info: what a stored card says about itself over ES10 (GetEID, EUICCInfo2, configured addresses), with counts.
/// </summary>
public static class InfoCommand
{
    public static Command Build(CliContext context)
    {
        var store = Opt.Store();
        var json = Opt.Json();
        var command = new Command("info",
            "shows a stored card: EID, versions, the CIs it trusts and signs under, options and counts (ES10 GetEID, GetEUICCInfo2, "
            + "GetEuiccConfiguredAddresses); never creates a card")
        {
            store, json,
        };
        command.SetAction(p => Run(context, p.GetValue(store), p.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string? store, bool json)
    {
        using var card = StoredCard.Open(store, context.Log);
        var eidFields = card.Decode(0xBF3E, card.Es10([0xBF, 0x3E, 0x03, 0x5C, 0x01, 0x5A]));
        var info2 = card.Decode(0xBF22, card.Es10([0xBF, 0x22, 0x00]));
        var addresses = card.Decode(0xBF3C, card.Es10([0xBF, 0x3C, 0x00]));
        var engine = card.Host.Euicc.Engine;
        var settings = engine.Settings;
        string? F(IReadOnlyList<TraceField> fields, string name) => StoredCard.Field(fields, name);
        IReadOnlyList<string?> All(string path) => [.. info2.Where(f => f.Path == path).Select(f => f.Value)];

        var versions = new JsonVersions(
            F(info2, "svn"), F(info2, "profileVersion"), F(info2, "euiccFirmwareVer"), F(info2, "ts102241Version"),
            F(info2, "globalplatformVersion"), F(info2, "ppVersion"), card.Host.Euicc.Options.Sgp32Version.Text(),
            [.. All("response.iotSpecificInfo.iotVersion.version").OfType<string>()]);
        List<JsonCi> Cis(string list) =>
            [.. All($"response.{list}.subjectKeyIdentifier").OfType<string>().Select(ski => new JsonCi(ski,
                card.CiName(Convert.FromHexString(ski))))];
        var document = new JsonInfo(
            F(eidFields, "eidValue") ?? card.Eid,
            card.Host.Store.Path,
            engine.EnabledProfile?.Iccid.Digits,
            versions,
            Cis("euiccCiPKIdListForVerification"),
            Cis("euiccCiPKIdListForSigning"),
            new JsonCardOptions(Unquote(F(info2, "euiccCategory")), F(info2, "rspCapability"), Unquote(F(info2, "ipaMode")),
                Unquote(F(addresses, "defaultDpAddress")), Unquote(F(addresses, "rootDsAddress")),
                    settings.ImmediateEnable?.Enabled == true,
                settings.EmergencyActive, engine.FallbackProfile?.Iccid.Digits),
            new JsonCounts(engine.Profiles.Count, engine.ProfileNotifications.Count(), engine.PackageResults.Count(), settings.Eims.Count));
        if (json)
        {
            JsonOut.Write(context.Output, document);
            return 0;
        }
        var o = context.Output;
        o.WriteLine($"EID              {document.Eid}");
        o.WriteLine($"store            {document.Store}");
        o.WriteLine($"SGP.22 svn       {versions.Svn} (profile version {versions.ProfileVersion}, firmware {versions.EuiccFirmwareVer})");
        var iot = versions.IotVersions.Count > 0 ? $" (iotVersion {string.Join(", ", versions.IotVersions)})" : "";
        o.WriteLine($"SGP.32           v{versions.Sgp32}{iot}");
        o.WriteLine($"TS 102 241       {versions.Ts102241Version}; GlobalPlatform {versions.GlobalplatformVersion}; "
            + $"PP {versions.PpVersion}");
        foreach (var ci in document.CisForVerification) o.WriteLine($"CI (verify)      {ci.SubjectKeyIdentifier}  {ci.Name}");
        foreach (var ci in document.CisForSigning) o.WriteLine($"CI (sign)        {ci.SubjectKeyIdentifier}  {ci.Name}");
        var options = document.Options;
        o.WriteLine($"category         {options.EuiccCategory ?? "-"}; ipaMode {options.IpaMode ?? "-"}; "
            + $"rspCapability {options.RspCapability}");
        o.WriteLine($"addresses        default SM-DP+ {options.DefaultDpAddress ?? "-"}; root SM-DS {options.RootDsAddress ?? "-"}");
        o.WriteLine($"IoT state        immediate enable {(options.ImmediateEnable ? "on" : "off")}; emergency "
            + $"{(options.EmergencyActive ? "active" : "inactive")}; fallback profile {options.FallbackProfile ?? "-"}");
        var counts = document.Counts;
        o.WriteLine($"counts           {counts.Profiles} profiles (enabled: {document.EnabledProfile ?? "none"}), {counts.Notifications} "
            + $"notifications, {counts.PackageResults} eUICC Package Results, {counts.Eims} eIMs");
        return 0;
    }

    // UTF8String values are shown quoted by the decoder; named INTEGERs as "1 (basicEuicc)".
    private static string? Unquote(string? value) => value is ['"', .., '"'] ? value[1..^1] : value;
}
