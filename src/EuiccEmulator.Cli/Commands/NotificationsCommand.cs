using System.CommandLine;
using System.Globalization;
using EuiccEmulator.Cli.Parsing;
using EuiccEmulator.Peers;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Cli.Commands;

/// <summary>euicc-emu notifications: the pending profile notifications of a stored card, listed and removed over ES10b.</summary>
public static class NotificationsCommand
{
    private static readonly string[] Operations = ["install", "enable", "disable", "delete"];

    public static Command Build(CliContext context)
    {
        var store = Opt.Store();
        var json = Opt.Json();
        var list = new Command("list", "lists the pending notifications (ES10b ListNotification, BF28)") { store, json };
        list.SetAction(p => List(context, p.GetValue(store), p.GetValue(json)));

        var removeStore = Opt.Store();
        var removeJson = Opt.Json();
        var seq = new Argument<long>("SEQ")
        {
            Description = "the notification's seqNumber (notifications list shows it; an eUICC Package Result's works too)",
            CustomParser = r =>
            {
                var text = r.Tokens[0].Value;
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
                r.AddError($"notifications remove: '{text}' is not a sequence number");
                return 0;
            },
        };
        var remove = new Command("remove", "removes a notification as an LPA does once delivered (ES10b RemoveNotificationFromList, BF30)")
        {
            removeStore, removeJson, seq,
        };
        remove.SetAction(p => Remove(context, p.GetValue(seq), p.GetValue(removeStore), p.GetValue(removeJson)));
        return new Command("notifications", "the pending notifications of a stored card") { list, remove };
    }

    private static int List(CliContext context, string? store, bool json)
    {
        using var card = StoredCard.Open(store, context.Log);
        var notifications = Parse(card.Es10([0xBF, 0x28, 0x00]));
        if (json)
        {
            JsonOut.Write(context.Output, new JsonNotificationList(card.Eid, notifications));
            return 0;
        }
        if (notifications.Count == 0)
        {
            context.Output.WriteLine("no pending notifications");
            return 0;
        }
        context.Output.WriteLine($"{"SEQ",5}  {"OPERATION",-9}  {"ICCID",-20}  ADDRESS");
        foreach (var n in notifications)
            context.Output.WriteLine($"{n.SeqNumber,5}  {n.Operation,-9}  {n.Iccid,-20}  {n.NotificationAddress}");
        return 0;
    }

    /// <summary>
    /// BF28 { A0 { BF2F { 80 seqNumber, 81 profileManagementOperation, 0C notificationAddress, 5A iccid? }... } | 81 error }.
    /// </summary>
    // SGP.22 §5.7.9 ListNotification; NotificationMetadata of §5.7.2.
    internal static IReadOnlyList<JsonNotification> Parse(byte[] response)
    {
        var choice = TlvCodec.ReadSingle(TlvCodec.ReadSingle(response).Value);
        if (choice.Tag != 0xA0) throw new CliException($"the card refused ListNotification: {Convert.ToHexString(response)}");
        var list = new List<JsonNotification>();
        foreach (var metadata in choice.Children())
        {
            var parts = metadata.Children();
            Tlv? Part(int tag) => parts.Where(p => p.Tag == tag).Select(p => (Tlv?)p).FirstOrDefault();
            var seq = 0L;
            if (Part(0x80) is { } seqTlv)
                foreach (var b in seqTlv.Value.Span) seq = seq << 8 | b;
            var bits = Part(0x81)?.Value.ToArray() ?? [];
            var operation = bits.Length < 2 ? "none"
                : string.Join('+', Operations.Where((_, i) => (bits[1 + i / 8] & (0x80 >> (i % 8))) != 0));
            var address = Part(0x0C) is { } a ? System.Text.Encoding.UTF8.GetString(a.Value.Span) : null;
            var iccid = Part(0x5A) is { } i && Iccid.TryFromSwappedBcd(i.Value.Span, out var parsed) ? parsed.Digits : null;
            list.Add(new JsonNotification(seq, operation, address, iccid));
        }
        return list;
    }

    private static int Remove(CliContext context, long seq, string? store, bool json)
    {
        using var card = StoredCard.Open(store, context.Log);
        var seqBytes = Minimal(seq);
        var (code, name) = card.Result(0xBF30, TlvCodec.Constructed(0xBF30, TlvCodec.Encode(0x80, seqBytes)));
        if (json)
        {
            JsonOut.Write(context.Output, new JsonAction(card.Eid, "removeNotificationFromList", seq.ToString(CultureInfo.InvariantCulture),
                code, name, code == 0));
        }
        else
        {
            context.Output.WriteLine(code == 0 ? $"removed notification {seq}" : $"notification {seq}: {name} ({code})");
        }
        return code == 0 ? 0 : 1;
    }

    /// <summary>A non-negative INTEGER in its minimal DER content octets.</summary>
    internal static byte[] Minimal(long value)
    {
        var bytes = new List<byte>();
        do
        {
            bytes.Insert(0, (byte)value);
            value >>= 8;
        }
        while (value > 0);
        if ((bytes[0] & 0x80) != 0) bytes.Insert(0, 0);
        return [.. bytes];
    }
}
