using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Es10b;

// SGP.22 §5.7.11 RemoveNotificationFromList: BF30 { 80 seqNumber } -> BF30 { 80 deleteNotificationStatus }
internal sealed class RemoveNotificationFromListHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.RemoveNotificationFromList;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        var seq = contents.ReadInteger(Tags.Ctx(0));
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        var result = seq < long.MinValue || seq > long.MaxValue
            ? NotificationSentResult.NothingToDelete
            : context.Engine.RemoveNotification((long)seq);
        return Es10Codec.Result(request.Tag, (int)result);
    }
}
