using System.CommandLine;
using EuiccEmulator.Cli.Parsing;
using EuiccEmulator.Peers;
using EuiccEmulator.Peers.Eim;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu results list: the signed eUICC Package Results a stored card keeps until its eIM acknowledges them.</summary>
public static class ResultsCommand
{
    public static Command Build(CliContext context)
    {
        var store = Opt.Store();
        var json = Opt.Json();
        var list = new Command("list",
            "lists the kept eUICC Package Results (ES10b RetrieveNotificationsList, BF2B, searchCriteria euiccPackageResults); "
            + "notifications remove SEQ removes one, as the eIM's acknowledgement does")
        {
            store, json,
        };
        list.SetAction(p => List(context, p.GetValue(store), p.GetValue(json)));
        return new Command("results", "the eUICC Package Results (SGP.32) a stored card keeps") { list };
    }

    private static int List(CliContext context, string? store, bool json)
    {
        using var card = StoredCard.Open(store, context.Log);
        // BF2B { A0 { 82 NULL } } -> BF2B { A2 { BF51 ... } } (SGP.32 §5.9.11).
        var response = card.Es10([0xBF, 0x2B, 0x04, 0xA0, 0x02, 0x82, 0x00]);
        var choice = TlvCodec.ReadSingle(TlvCodec.ReadSingle(response).Value);
        if (choice.Tag != 0xA2) throw new CliException($"the card did not list eUICC Package Results: {Convert.ToHexString(response)}");
        var results = choice.Children().Select(c => ToJson(TestEim.ParseEuiccPackageResult(c.Raw))).ToList();
        if (json)
        {
            JsonOut.Write(context.Output, new JsonPackageResultList(card.Eid, results));
            return 0;
        }
        if (results.Count == 0)
        {
            context.Output.WriteLine("no eUICC Package Results kept");
            return 0;
        }
        context.Output.WriteLine($"{"SEQ",5}  {"KIND",-13}  {"EIM ID",-24}  {"COUNTER",7}  RESULTS");
        foreach (var r in results)
        {
            var detail = r.ErrorCode is { } error
                ? $"error {error}"
                : string.Join(", ", r.Results.Select(x => x.Code is { } c ? $"{x.Kind} {c}" : x.Kind));
            context.Output.WriteLine($"{r.SeqNumber,5}  {r.Kind,-13}  {r.EimId,-24}  {r.CounterValue,7}  {detail}");
        }
        return 0;
    }

    private static JsonPackageResult ToJson(EuiccPackageResultInfo r) => new(
        r.SeqNumber, JsonKind(r.Kind), r.EimId, r.CounterValue, r.TransactionId is null ? null : Convert.ToHexString(r.TransactionId),
        r.ErrorCode, [.. r.Results.Select(x => new JsonResultData(Camel(x.Kind.ToString()), x.Code))], Convert.ToHexString(r.Raw));

    private static string JsonKind(EuiccPackageResultKind kind) => kind switch
    {
        EuiccPackageResultKind.Signed => "signed",
        EuiccPackageResultKind.SignedError => "signedError",
        _ => "unsignedError",
    };

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
