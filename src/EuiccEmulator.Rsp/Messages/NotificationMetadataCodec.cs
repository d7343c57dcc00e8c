using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Rsp.Messages;

/// <summary>NotificationMetadata (BF2F) encoding.</summary>
// SGP.22 §5.7.9 / RSPDefinitions NotificationMetadata: 80 seq, 81 event, 0C address, 5A iccid.
internal static class NotificationMetadataCodec
{
    public static readonly Asn1Tag Tag = Tags.Ctx(47, constructed: true);

    // Every combination of the four events, encoded once: AsnWriter.WriteNamedBitList reflects over the enum type on
    // every call, a cost each download and profile switch paid.
    private static readonly byte[][] EventDos = [.. Enumerable.Range(0, 16).Select(bits =>
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteNamedBitList((NotificationEvents)bits, Tags.Ctx(1));
        return writer.Encode();
    })];

    public static byte[] Encode(long seqNumber, NotificationEvents @event, string address, Iccid? iccid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        Write(writer, seqNumber, @event, address, iccid);
        return writer.Encode();
    }

    public static void Write(AsnWriter writer, long seqNumber, NotificationEvents @event, string address, Iccid? iccid)
    {
        using (writer.PushSequence(Tag))
        {
            writer.WriteInteger(seqNumber, Tags.Ctx(0));
            if ((int)@event is >= 0 and < 16) writer.WriteEncodedValue(EventDos[(int)@event]);
            else writer.WriteNamedBitList(@event, Tags.Ctx(1));
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, address);
            if (iccid is { } value) writer.WriteOctetString(value.ToSwappedBcd(), Tags.App(26));
        }
    }
}
