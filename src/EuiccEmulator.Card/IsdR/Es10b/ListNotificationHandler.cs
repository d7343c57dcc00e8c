using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.Rsp.Messages;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Es10b;

// SGP.22 §5.7.9 ListNotification: BF28 { 81 event? } -> BF28 { A0 { BF2F... } | 81 error }
internal sealed class ListNotificationHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.ListNotification;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var events = (NotificationEvents)~0;
        while (contents.HasData)
        {
            if (contents.PeekTag().HasSameClassAndValue(Tags.Ctx(1)))
                events = contents.ReadNamedBitListValue<NotificationEvents>(Tags.Ctx(1));
            else
                Es10Codec.SkipUnknown(contents);
        }
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        using (writer.PushSequence(Tags.Ctx(0, constructed: true)))
        {
            foreach (var n in context.Engine.ProfileNotifications.Where(n => (n.Event & events) != 0))
                NotificationMetadataCodec.Write(writer, n.SeqNumber, n.Event, n.Address, n.Iccid);
        }
        return writer.Encode();
    }
}
