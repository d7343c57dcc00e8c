using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EuiccEmulator.Cli.Parsing;
using EuiccEmulator.Peers.Eim;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Servers.Eim;
using EuiccEmulator.Servers.Hosting;

namespace EuiccEmulator.Cli.Commands;

/// <summary>
/// euicc-emu eim: the test eIM (SGP.32) as an ESipa server, its queue, the AddInitialEim request that associates a card with
/// it, and the eIMs a stored card is associated with.
/// </summary>
public static class EimCommand
{
    public static Command Build(CliContext context)
    {
        var eimId = Opt.Text("--eim-id", "ID", "the eIM's eimId (default eim.example.com)");
        var address = Opt.Text("--address", "FQDN", "the eimFqdn the card is given (default the eimId)");
        var add = new Command("add-initial-request", "prints the AddInitialEim request (BF57) for the test eIM, associationToken -1")
        {
            eimId, address,
        };
        add.SetAction(p =>
        {
            context.Output.WriteLine(Convert.ToHexString(AddInitialRequest(p.GetValue(eimId), p.GetValue(address))));
            return 0;
        });
        return new Command("eim", "the test eIM (SGP.32): a server, its queue, and the eIMs a stored card is associated with")
        {
            add, BuildServe(context), BuildQueue(context), BuildList(context), BuildRemove(context),
        };
    }

    private static Command BuildServe(CliContext context)
    {
        var listen = Opt.Needed("--listen", "HOST:PORT", "the address to listen on (an IP address or localhost)",
            "--listen: needed (HOST:PORT, e.g. 127.0.0.1:8444)");
        var http = Opt.Flag("--http", "plain HTTP instead of HTTPS");
        var store = Opt.Text("--eim-store", "FILE", "the eIM's state (default $XDG_DATA_HOME/euicc-emulator/eim.db)");
        var eimId = Opt.Text("--eim-id", "ID", "the eIM's eimId, 1 to 128 characters (default eim.example.com)");
        var trustOut = Opt.Text("--trust-out", "FILE", "where to write the TLS CA file to trust (default $TMPDIR/euicc-emu-test-ci.pem)");
        var serve = new Command("serve", "the test eIM as an ESipa server (ASN.1 binding, SGP.32 §6) until Ctrl-C")
        {
            listen, http, store, eimId, trustOut,
        };
        serve.SetAction(p => Serve(context, ParseServe(p.GetValue(listen)!, p.GetValue(store), p.GetValue(eimId), p.GetValue(http)),
            p.GetValue(trustOut)));
        return serve;
    }

    private static Command BuildQueue(CliContext context)
    {
        var server = Opt.Needed("--server", "URL", "the running eIM's URL (its loopback admin API)",
            "--server: needed (the eIM's URL, e.g. https://127.0.0.1:8444)");
        var eid = Opt.Needed("--eid", "EID", "the card the package is for", "--eid: needed");
        var token = Opt.Parsed<long?>("--association-token", "N", "the association token to put in the package",
            t => long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? n : throw new CliException($"--association-token: '{t}' is not an integer"));
        var sgp32 = Opt.OneOf("--sgp32", "build the package for an SGP.32 v1.0 or v1.2 card (default 1.2)", "1.0", "1.2");
        var operation = Opt.Args("OPERATION", "enable ICCID | disable ICCID | delete ICCID | list-profiles | ipa-data | download CODE",
            "eim queue: expected enable ICCID | disable ICCID | delete ICCID | list-profiles | ipa-data | download ACTIVATION_CODE");
        operation.CompletionSources.Add("enable", "disable", "delete", "list-profiles", "ipa-data", "download");
        var queue = new Command("queue",
            "queues a signed eUICC Package (or an IpaEuiccDataRequest, or a download) for a card on the running eIM")
        {
            server, eid, token, sgp32, operation,
        };
        queue.SetAction(p => Queue(context.Output, p.GetValue(server)!, p.GetValue(eid)!, p.GetValue(operation)!, p.GetValue(token),
            p.GetValue(sgp32)));
        return queue;
    }

    private static Command BuildList(CliContext context)
    {
        var store = Opt.Store();
        var json = Opt.Json();
        var list = new Command("list", "lists the eIMs a stored card is associated with (ES10b GetEimConfigurationData, BF55)")
        {
            store, json,
        };
        list.SetAction(p => List(context, p.GetValue(store), p.GetValue(json)));
        return list;
    }

    private static Command BuildRemove(CliContext context)
    {
        var store = Opt.Store();
        var json = Opt.Json();
        var id = Opt.Arg("EIM-ID", "the eimId to remove", "eim remove: give the EIM-ID to remove");
        var remove = new Command("remove",
            "removes one eIM association from a stored card. No ES10 function does this without a package signed by the eIM, so "
            + "this applies the deleteEim eCO's state change (SGP.32 §2.11.1.1.2) to the card's state directly; nothing else changes")
        {
            store, json, id,
        };
        remove.SetAction(p => Remove(context, p.GetValue(store), p.GetValue(id)!, p.GetValue(json)));
        return remove;
    }

    private static int List(CliContext context, string? store, bool json)
    {
        using var card = StoredCard.Open(store, context.Log);
        var eims = TestEim.ParseGetEimConfigurationDataResponse(card.Es10(TestEim.BuildGetEimConfigurationDataRequest()));
        var stored = card.Host.Euicc.Engine.Settings.Eims;
        var rows = eims.Select(e => new JsonEim(e.EimId, e.EimFqdn, e.EimIdType?.ToString(), e.CounterValue
                ?? stored.FirstOrDefault(s => s.EimId == e.EimId)?.Counter, e.AssociationToken, e.EimPublicKeyData?.Kind.ToString(),
            Protocols(e.SupportedProtocols), e.EuiccCiPkId is null ? null : Convert.ToHexString(e.EuiccCiPkId), e.IndirectProfileDownload))
            .ToList();
        if (json)
        {
            JsonOut.Write(context.Output, new JsonEimList(card.Eid, rows));
            return 0;
        }
        if (rows.Count == 0)
        {
            context.Output.WriteLine("no eIM associated");
            return 0;
        }
        context.Output.WriteLine($"{"EIM ID",-32}  {"COUNTER",7}  {"TOKEN",5}  {"KEY",-11}  FQDN");
        foreach (var e in rows)
        {
            context.Output.WriteLine($"{e.EimId,-32}  {e.CounterValue,7}  {e.AssociationToken,5}  {e.EimPublicKeyData ?? "-",-11}  "
                + $"{e.EimFqdn}{(e.SupportedProtocols.Count > 0 ? $" ({string.Join(", ", e.SupportedProtocols)})" : "")}");
        }
        return 0;
    }

    private static IReadOnlyList<string> Protocols(EimSupportedProtocols? protocols) =>
        protocols is not { } p ? []
            : [.. Enum.GetValues<EimSupportedProtocols>().Where(f => f != 0 && p.HasFlag(f)).Select(f => f.ToString())];

    private static int Remove(CliContext context, string? store, string eimId, bool json)
    {
        using var card = StoredCard.Open(store, context.Log);
        var engine = card.Host.Euicc.Engine;
        var found = engine.FindEim(eimId) is not null;
        if (found) engine.UpdateSettings(s => s with { Eims = [.. s.Eims.Where(e => e.EimId != eimId)] });
        var code = !found ? EimChangeResult.EimNotFound
            : engine.Settings.Eims.Count == 0 ? EimChangeResult.LastEimDeleted
            : EimChangeResult.Ok;
        var name = JsonNamingPolicy.CamelCase.ConvertName(code.ToString());
        if (json) JsonOut.Write(context.Output, new JsonAction(card.Eid, "deleteEim", eimId, (int)code, name, found));
        else context.Output.WriteLine(found ? $"removed eIM {eimId} ({name})" : $"eIM {eimId}: not associated (eimNotFound)");
        return found ? 0 : 1;
    }

    /// <summary>BF57 with the test eIM's eimId, address, SGP.26 signing key (NIST) and associationToken -1.</summary>
    // SGP.32 §5.9.4: associationToken -1 asks the card to assign one.
    internal static byte[] AddInitialRequest(string? eimId, string? address)
    {
        var id = eimId ?? TestEimOptions.DefaultEimId;
        using var eim = new TestEim(new TestEimOptions { EimId = id, EimFqdn = address ?? id });
        return TestEim.BuildAddInitialEimRequest(
            eim.ConfigurationData with { AssociationToken = EimConfigurationData.AssignAssociationToken });
    }

    /// <summary>$XDG_DATA_HOME/euicc-emulator/eim.db, next to the default card store.</summary>
    internal static string DefaultStore() => Path.Combine(Path.GetDirectoryName(StorePaths.Default())!, "eim.db");

    internal static EimServerOptions ParseServe(string listen, string? store, string? eimId, bool http) => new()
    {
        Listen = SmdpCommand.ParseListen(listen),
        StorePath = store ?? DefaultStore(),
        EimId = eimId is { Length: > 0 and <= 128 } id ? id
            : eimId is null ? TestEimOptions.DefaultEimId
            : throw new CliException("--eim-id: 1..128 characters"),
        Https = !http,
    };

    private static int Serve(CliContext context, EimServerOptions options, string? trustOut)
    {
        var (output, log) = (context.Output, context.Log);
        using var stop = new StopSignal();
        var (host, service) = StartOrFail(options, output);
        using (service)
        using (host)
        {
            var trust = SmdpCommand.WriteTrustFile(trustOut, options.Https);
            foreach (var line in EimServer.Instructions(host, service, trust)) output.WriteLine(line);
            stop.Token.WaitHandle.WaitOne();
        }
        log.WriteLine("stopped");
        return 0;
    }

    internal static (ServerHost Host, EimService Service) StartOrFail(EimServerOptions options, TextWriter output)
    {
        try
        {
            return EimServer.StartAsync(options, line => output.WriteLine(line)).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            throw new CliException(
                $"--listen {options.Listen.Address}:{options.Listen.Port} / --eim-store {options.StorePath}: {e.Message}");
        }
        catch (LiteDB.LiteException e)
        {
            throw new CliException($"--eim-store {options.StorePath}: {e.Message}");
        }
    }

    private static int Queue(TextWriter output, string server, string eid, string[] positional, long? token, string? sgp32)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliException($"--server: '{server}' is not an http(s) URL");
        var operation = positional[0];
        string? iccid = null, activationCode = null;
        switch (operation)
        {
            case "enable" or "disable" or "delete":
                if (positional.Length != 2) throw new CliException($"eim queue {operation}: expected one ICCID");
                iccid = positional[1];
                break;
            case "download":
                if (positional.Length != 2)
                    throw new CliException("eim queue download: expected one activation code, e.g. 'LPA:1$HOST$MATCHINGID'");
                activationCode = positional[1];
                break;
            case "list-profiles" or "ipa-data":
                if (positional.Length != 1) throw new CliException($"eim queue {operation}: unexpected argument '{positional[1]}'");
                break;
            default:
                throw new CliException($"eim queue: unknown operation '{operation}'");
        }
        using var client = new EsipaHttpClient(uri);
        try
        {
            var (id, description) = client.QueueAsync(eid, operation, iccid, token, sgp32, activationCode).GetAwaiter().GetResult();
            output.WriteLine($"queued #{id} for {eid}: {description}");
            return 0;
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"eim queue: {e.Message}");
        }
        catch (TaskCanceledException)
        {
            throw new CliException($"eim queue: {uri} did not answer");
        }
    }
}
