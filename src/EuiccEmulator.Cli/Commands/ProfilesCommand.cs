using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.State;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu profiles import|list: pre-load unprotected profile packages, show what the card holds.</summary>
public static class ProfilesCommand
{
    public const string Usage = "profiles import FILE [--metadata JSON] [--store FILE] | profiles list [--store FILE]";

    public static int Run(string[] args, TextWriter output, TextWriter log)
    {
        if (args.Length == 0) throw new CliException($"profiles: expected import or list; usage: {Usage}");
        return args[0] switch
        {
            "import" => Import(args[1..], output, log),
            "list" => List(args[1..], output, log),
            _ => throw new CliException($"profiles: unknown action '{args[0]}'; usage: {Usage}"),
        };
    }

    private static int Import(string[] args, TextWriter output, TextWriter log)
    {
        var a = new CliArgs(args, new HashSet<string>(), new HashSet<string> { "store", "metadata" });
        if (a.Positional.Count != 1) throw new CliException("profiles import: give exactly one profile package FILE");
        var file = a.Positional[0];
        var package = ReadFile(file);
        // A JSON side file beside the package (same name, .json) is used unless --metadata names one.
        var metadataFile = a.Value("metadata") ?? Path.ChangeExtension(file, ".json");
        string? json = null;
        if (File.Exists(metadataFile)) json = File.ReadAllText(metadataFile);
        else if (a.Value("metadata") is not null) throw new CliException($"{metadataFile}: no such file");

        var result = ProfileImporter.Import(package, json, null, new ProfileImportOptions
        {
            PackageName = file,
            MetadataName = metadataFile,
        });
        if (!result.IsSuccess) throw new CliException(result.Error!);

        using var host = CardHost.Open(a.Value("store"), null, log);
        if (host.Euicc.Engine.Find(result.Profile!.Iccid) is not null)
            throw new CliException($"{file}: ICCID {result.Profile.Iccid} is already on the card; the store is unchanged");
        ProfileRecord profile;
        try
        {
            profile = host.Euicc.Engine.AddPreLoadedProfile(result.Profile, result.Package!);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException($"{file}: {e.Message}; the store is unchanged");
        }
        output.WriteLine($"imported {profile.Iccid} as ISD-P {Convert.ToHexString(profile.IsdpAid)} (disabled): "
            + $"{profile.ServiceProviderName} / {profile.ProfileName}, {result.Package!.Length} bytes");
        return 0;
    }

    private static int List(string[] args, TextWriter output, TextWriter log)
    {
        var a = new CliArgs(args, new HashSet<string>(), new HashSet<string> { "store" });
        if (a.Positional.Count > 0) throw new CliException($"profiles list: unexpected argument '{a.Positional[0]}'");
        using var host = CardHost.OpenExisting(a.Value("store"), log);
        var profiles = host.Euicc.Engine.Profiles;
        if (profiles.Count == 0)
        {
            output.WriteLine("no profiles");
            return 0;
        }
        output.WriteLine($"{"ICCID",-20}  {"STATE",-8}  {"CLASS",-12}  {"ISD-P AID",-32}  NAME");
        foreach (var p in profiles)
        {
            output.WriteLine($"{p.Iccid.Digits,-20}  {(p.State == ProfileState.Enabled ? "enabled" : "disabled"),-8}  "
                + $"{p.ProfileClass.ToString().ToLowerInvariant(),-12}  {Convert.ToHexString(p.IsdpAid),-32}  "
                + $"{p.ServiceProviderName} / {p.ProfileName}{(p.Nickname is null ? "" : $" ({p.Nickname})")}");
        }
        return 0;
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
