using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using EuiccEmulator.Cli.Parsing;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;
using EuiccEmulator.Storage.LiteDb;

namespace EuiccEmulator.Cli.Commands;

/// <summary>
/// euicc-emu profiles: pre-load unprotected profile packages, show the card's profiles, and enable, disable, delete,
/// nickname or export one on a stored card (the changes go through ES10c on the in-process card).
/// </summary>
public static class ProfilesCommand
{
    public static Command Build(CliContext context) => new("profiles", "the profiles on a stored card")
    {
        BuildImport(context), BuildList(context),
        BuildSwitch(context, "enable", "enables a profile (ES10c EnableProfile, BF31; refreshFlag false), as an LPA would", 0xBF31),
        BuildSwitch(context, "disable", "disables the enabled profile (ES10c DisableProfile, BF32; refreshFlag false)", 0xBF32),
        BuildSwitch(context, "delete", "deletes a disabled profile (ES10c DeleteProfile, BF33)", 0xBF33),
        BuildNickname(context), BuildExport(context), BuildApps(context),
    };

    private static Command BuildImport(CliContext context)
    {
        var store = Opt.Store();
        var metadata = Opt.Text("--metadata", "JSON", "the metadata file (one FILE only; default FILE.json beside the package, if any)");
        var files = Opt.Args("FILE", "unprotected SAIP profile packages (DER)", "profiles import: give at least one profile package FILE");
        var import = new Command("import",
            "pre-loads unprotected SAIP profile packages onto the card, disabled (creates the store if missing)")
        {
            store, metadata, files,
        };
        import.SetAction(p => Import(context, p.GetValue(files)!, p.GetValue(metadata), p.GetValue(store)));
        return import;
    }

    private static Command BuildList(CliContext context)
    {
        var store = Opt.Store();
        var json = Opt.Json();
        var list = new Command("list", "lists the card's profiles (never creates a card)") { store, json };
        list.SetAction(p => List(context, p.GetValue(store), p.GetValue(json)));
        return list;
    }

    private static Command BuildSwitch(CliContext context, string name, string description, int tag)
    {
        var store = Opt.Store();
        var json = Opt.Json();
        var profile = ProfileArgument(name);
        var command = new Command(name, description) { store, json, profile };
        command.SetAction(p => Switch(context, name, tag, p.GetValue(profile)!, p.GetValue(store), p.GetValue(json)));
        return command;
    }

    private static Command BuildNickname(CliContext context)
    {
        var store = Opt.Store();
        var json = Opt.Json();
        var profile = Opt.Arg("ICCID", "the profile's ICCID", "profiles nickname: give the ICCID and the NICKNAME");
        var nickname = Opt.Arg("NICKNAME", "the new nickname, up to 64 characters ('' clears it)", "profiles nickname: give the NICKNAME");
        var command = new Command("nickname", "sets a profile's nickname (ES10c SetNickname, BF29)") { store, json, profile, nickname };
        command.SetAction(p => Nickname(context, p.GetValue(profile)!, p.GetValue(nickname)!, p.GetValue(store), p.GetValue(json)));
        return command;
    }

    private static Command BuildExport(CliContext context)
    {
        var store = Opt.Store();
        var output = Opt.Needed("--out", "FILE", "where to write the package; the metadata goes to FILE.json beside it",
            "--out: needed (the FILE to write the profile package to)");
        var profile = Opt.Arg("ICCID", "the profile's ICCID", "profiles export: give the ICCID");
        var command = new Command("export",
            "writes a profile's stored package and its metadata (FILE, FILE.json) as profiles import reads them. No ES10 function "
            + "reads a package back, so this reads the card's store; the card is not changed")
        {
            store, output, profile,
        };
        command.SetAction(p => Export(context, p.GetValue(profile)!, p.GetValue(output)!, p.GetValue(store)));
        return command;
    }

    private static Command BuildApps(CliContext context)
    {
        var store = Opt.Store();
        var json = Opt.Json();
        var profile = Opt.Arg("ICCID", "the profile's ICCID", "profiles apps: give the ICCID");
        var command = new Command("apps",
            "lists the Java Card load packages and application instances a profile carries (its PE-Application elements). "
            + "The card keeps them with the profile and does not run them; no ES10 function lists them, so this reads the store")
        {
            store, json, profile,
        };
        command.SetAction(p => Apps(context, p.GetValue(profile)!, p.GetValue(store), p.GetValue(json)));
        return command;
    }

    private static Argument<string> ProfileArgument(string verb) =>
        Opt.Arg("PROFILE", "the profile's ICCID, or its ISD-P AID in hex", $"profiles {verb}: give the profile's ICCID or ISD-P AID");

    private static int Import(CliContext context, string[] files, string? metadata, string? store)
    {
        if (metadata is not null && files.Length > 1)
            throw new CliException("--metadata: only with one FILE (give each package its FILE.json)");
        var imports = new List<(string File, ProfileImportResult Result)>();
        foreach (var file in files)
        {
            var package = ReadFile(file);
            // A JSON side file beside the package (same name, .json) is used unless --metadata names one.
            var metadataFile = metadata ?? Path.ChangeExtension(file, ".json");
            string? json = null;
            if (File.Exists(metadataFile)) json = File.ReadAllText(metadataFile);
            else if (metadata is not null) throw new CliException($"{metadataFile}: no such file");
            var result = ProfileImporter.Import(package, json, null, new ProfileImportOptions { PackageName = file,
                MetadataName = metadataFile });
            if (!result.IsSuccess) throw new CliException(result.Error! + (files.Length > 1 ? "; nothing was imported" : ""));
            imports.Add((file, result));
        }

        using var host = CardHost.Open(store, null, context.Log);
        using var progress = context.Progress("importing", imports.Count);
        var done = 0;
        foreach (var (file, result) in imports)
        {
            var left = done == 0 ? "the store is unchanged" : $"the {done} packages before it were imported";
            if (host.Euicc.Engine.Find(result.Profile!.Iccid) is not null)
                throw new CliException($"{file}: ICCID {result.Profile.Iccid} is already on the card; {left}");
            ProfileRecord profile;
            try
            {
                profile = host.Euicc.Engine.AddPreLoadedProfile(result.Profile, result.Package!);
            }
            catch (InvalidOperationException e)
            {
                throw new CliException($"{file}: {e.Message}; {left}");
            }
            done++;
            progress.Step(Path.GetFileName(file));
            context.Output.WriteLine($"imported {profile.Iccid} as ISD-P {Convert.ToHexString(profile.IsdpAid)} (disabled): "
                + $"{profile.ServiceProviderName} / {profile.ProfileName}, {result.Package!.Length} bytes");
        }
        return 0;
    }

    private static int List(CliContext context, string? store, bool json)
    {
        using var host = CardHost.OpenExisting(store, context.Log);
        var profiles = host.Euicc.Engine.Profiles;
        if (json)
        {
            JsonOut.Write(context.Output, new JsonProfileList(host.Euicc.Ecasd.Eid.Digits, [.. profiles.Select(ToJson)]));
            return 0;
        }
        if (profiles.Count == 0)
        {
            context.Output.WriteLine("no profiles");
            return 0;
        }
        context.Output.WriteLine($"{"ICCID",-20}  {"STATE",-8}  {"CLASS",-12}  {"ISD-P AID",-32}  NAME");
        foreach (var p in profiles)
        {
            context.Output.WriteLine($"{p.Iccid.Digits,-20}  {(p.State == ProfileState.Enabled ? "enabled" : "disabled"),-8}  "
                + $"{p.ProfileClass.ToString().ToLowerInvariant(),-12}  {Convert.ToHexString(p.IsdpAid),-32}  "
                + $"{p.ServiceProviderName} / {p.ProfileName}{(p.Nickname is null ? "" : $" ({p.Nickname})")}");
        }
        return 0;
    }

    internal static JsonProfile ToJson(ProfileRecord p) => new(
        p.Iccid.Digits, Convert.ToHexString(p.IsdpAid), p.State == ProfileState.Enabled ? "enabled" : "disabled",
        p.ProfileClass.ToString().ToLowerInvariant(), p.ServiceProviderName, p.ProfileName, p.Nickname,
        p.ProfileOwner is { } owner ? Convert.ToHexString(owner.MccMnc) : null, PprNames(p.Pprs), p.EcallIndication, p.FallbackAllowed,
        p.FallbackAttribute, p.Origin, p.PackageSize);

    private static List<string> PprNames(PprIds pprs)
    {
        var names = new List<string>();
        if (pprs.HasFlag(PprIds.UpdateControl)) names.Add("updateControl");
        if (pprs.HasFlag(PprIds.Ppr1DisableNotAllowed)) names.Add("ppr1");
        if (pprs.HasFlag(PprIds.Ppr2DeleteNotAllowed)) names.Add("ppr2");
        return names;
    }

    /// <summary>5A ICCID (swapped BCD) or 4F AID: the ProfileIdentifier CHOICE of SGP.22 §5.7.16-18.</summary>
    private static (byte[] Identifier, string Shown) Identify(string text)
    {
        if (text.Length == 32 && text.StartsWith("A0", StringComparison.OrdinalIgnoreCase) && text.All(char.IsAsciiHexDigit))
            return (TlvCodec.Encode(0x4F, Convert.FromHexString(text)), text.ToUpperInvariant());
        if (Iccid.TryParse(text, out var iccid)) return (TlvCodec.Encode(0x5A, iccid.ToSwappedBcd()), iccid.Digits);
        throw new CliException($"'{text}' is neither an ICCID (18 to 20 digits) nor an ISD-P AID (32 hex digits)");
    }

    private static int Switch(CliContext context, string verb, int tag, string profile, string? store, bool json)
    {
        var (identifier, shown) = Identify(profile);
        // Enable and Disable: BF31/BF32 { A0 { 5A | 4F }, 81 refreshFlag FALSE }; Delete: BF33 { 5A | 4F }.
        var request = tag == 0xBF33
            ? TlvCodec.Encode(tag, identifier)
            : TlvCodec.Constructed(tag, TlvCodec.Encode(0xA0, identifier), [0x81, 0x01, 0x00]);
        using var card = StoredCard.Open(store, context.Log);
        var (code, name) = card.Result(tag, request);
        return Report(context, card, verb + "Profile", shown, code, name, code == 0 ? $"{verb}d {shown}" : null, json);
    }

    private static int Nickname(CliContext context, string profile, string nickname, string? store, bool json)
    {
        if (!Iccid.TryParse(profile, out var iccid))
            throw new CliException($"profiles nickname: '{profile}' is not an ICCID (18 to 20 digits)");
        if (nickname.Length > ProfileImporter.MaxNickname)
            throw new CliException($"profiles nickname: longer than {ProfileImporter.MaxNickname} characters");
        var request = TlvCodec.Constructed(0xBF29, TlvCodec.Encode(0x5A, iccid.ToSwappedBcd()),
            TlvCodec.Encode(0x90, System.Text.Encoding.UTF8.GetBytes(nickname)));
        using var card = StoredCard.Open(store, context.Log);
        var (code, name) = card.Result(0xBF29, request);
        return Report(context, card, "setNickname", iccid.Digits, code, name,
            code == 0 ? $"nickname of {iccid} set to '{nickname}'" : null, json);
    }

    private static int Report(CliContext context, StoredCard card, string function, string target, int code, string name, string? ok,
        bool json = false)
    {
        if (json) JsonOut.Write(context.Output, new JsonAction(card.Eid, function, target, code, name, code == 0));
        else if (ok is not null) context.Output.WriteLine(ok);
        else context.Output.WriteLine($"{function} {target}: refused by the card, {name} ({code})");
        return code == 0 ? 0 : 1;
    }

    private static int Apps(CliContext context, string profile, string? store, bool json)
    {
        if (!Iccid.TryParse(profile, out var iccid))
            throw new CliException($"profiles apps: '{profile}' is not an ICCID (18 to 20 digits)");
        using var host = CardHost.OpenExisting(store, context.Log);
        _ = host.Euicc.Engine.Find(iccid) ?? throw new CliException($"profiles apps: {iccid} is not on the card");
        var package = host.Euicc.Engine.LoadPackage(iccid)
            ?? throw new StoreException($"{host.Store.Path}: the package of {iccid} is missing");
        IReadOnlyList<JavaCardLoadPackage> packages;
        IReadOnlyList<JavaCardInstance> instances;
        try
        {
            (packages, instances) = JavaCardApplications.Read(package);
        }
        catch (SaipException e)
        {
            throw new StoreException($"{host.Store.Path}: the stored package of {iccid} does not read: {e.Message}");
        }
        static string? Hex(byte[]? bytes) => bytes is null ? null : Convert.ToHexString(bytes);
        if (json)
        {
            JsonOut.Write(context.Output, new JsonProfileApps(host.Euicc.Ecasd.Eid.Digits, iccid.Digits,
                [.. packages.Select(p => new JsonLoadPackage(Hex(p.Aid)!, Hex(p.SecurityDomainAid), p.LoadBlockLength, Hex(p.Hash)))],
                [.. instances.Select(i => new JsonAppInstance(Hex(i.InstanceAid)!, Hex(i.ClassAid)!, Hex(i.PackageAid)!,
                    Hex(i.Privileges)!, i.LifeCycleState.ToString("X2", CultureInfo.InvariantCulture)))]));
            return 0;
        }
        context.Output.WriteLine($"{iccid}: {packages.Count} load package{(packages.Count == 1 ? "" : "s")}, {instances.Count} "
            + $"instance{(instances.Count == 1 ? "" : "s")} (kept with the profile, not run)");
        foreach (var p in packages)
        {
            context.Output.WriteLine($"load package {Hex(p.Aid)}  security domain {Hex(p.SecurityDomainAid) ?? "-"}  "
                + $"{p.LoadBlockLength} bytes  hash {Hex(p.Hash) ?? "-"}");
        }
        foreach (var i in instances)
        {
            context.Output.WriteLine($"instance {Hex(i.InstanceAid)}  class {Hex(i.ClassAid)}  package {Hex(i.PackageAid)}  "
                + $"privileges {Hex(i.Privileges)}  state {i.LifeCycleState:X2}");
        }
        return 0;
    }

    private static int Export(CliContext context, string profile, string output, string? store)
    {
        if (!Iccid.TryParse(profile, out var iccid))
            throw new CliException($"profiles export: '{profile}' is not an ICCID (18 to 20 digits)");
        using var host = CardHost.OpenExisting(store, context.Log);
        var record = host.Euicc.Engine.Find(iccid) ?? throw new CliException($"profiles export: {iccid} is not on the card");
        var package = host.Euicc.Engine.LoadPackage(iccid)
            ?? throw new StoreException($"{host.Store.Path}: the package of {iccid} is missing");
        var metadataFile = Path.ChangeExtension(output, ".json");
        try
        {
            File.WriteAllBytes(output, package);
            File.WriteAllText(metadataFile, Metadata(record).ToJsonString(JsonOut.Options) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--out: {output}: {e.Message}");
        }
        context.Output.WriteLine($"exported {iccid} ({package.Length} bytes) to {output}, metadata to {metadataFile}");
        return 0;
    }

    private static readonly NotificationEvents[] Events =
        [NotificationEvents.Install, NotificationEvents.Enable, NotificationEvents.Disable, NotificationEvents.Delete];

    /// <summary>The metadata side file profiles import reads (profiles/README.md).</summary>
    private static JsonObject Metadata(ProfileRecord p)
    {
        var json = new JsonObject
        {
            ["serviceProviderName"] = p.ServiceProviderName,
            ["profileName"] = p.ProfileName,
            ["profileClass"] = p.ProfileClass.ToString().ToLowerInvariant(),
        };
        if (p.Nickname is not null) json["nickname"] = p.Nickname;
        if (p.IconType is { } iconType && p.Icon is { } icon)
        {
            json["iconType"] = iconType.ToString().ToLowerInvariant();
            json["icon"] = Convert.ToBase64String(icon);
        }
        var notifications = new JsonArray();
        foreach (var n in p.NotificationConfigs)
        {
            var events = new JsonArray();
            foreach (var e in Events)
                if (n.Events.HasFlag(e)) events.Add(e.ToString().ToLowerInvariant());
            notifications.Add(new JsonObject { ["events"] = events, ["address"] = n.Address });
        }
        json["notifications"] = notifications;
        if (p.ProfileOwner is { } owner)
        {
            var o = new JsonObject { ["mccMnc"] = Convert.ToHexString(owner.MccMnc) };
            if (owner.Gid1 is { } gid1) o["gid1"] = Convert.ToHexString(gid1);
            if (owner.Gid2 is { } gid2) o["gid2"] = Convert.ToHexString(gid2);
            json["profileOwner"] = o;
        }
        json["ppr"] = new JsonArray([.. PprNames(p.Pprs).Select(n => (JsonNode)n)]);
        json["ecallIndication"] = p.EcallIndication;
        json["fallbackAllowed"] = p.FallbackAllowed;
        return json;
    }

    private static byte[] ReadFile(string file)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{file}: {e.Message}");
        }
    }
}
