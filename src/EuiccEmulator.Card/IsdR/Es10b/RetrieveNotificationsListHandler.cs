using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Es10b;

// SGP.22 §5.7.10 / SGP.32 §5.9.11 RetrieveNotificationsList (same wire form in v1.0 and v1.2):
// BF2B { A0 { 80 seq | 81 event | 82 euiccPackageResults }? } -> BF2B { A0 { signed... } | 81 error | A2 { EPR... } }
internal sealed class RetrieveNotificationsListHandler : IEs10Handler
{
    private const int UndefinedError = 127;

    public Es10Function Function => Es10Catalogue.RetrieveNotificationsList;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        Func<NotificationRecord, bool> filter = _ => true;
        var packageResults = false;
        long? seqNumber = null;
        while (contents.HasData)
        {
            if (!contents.PeekTag().HasSameClassAndValue(Tags.Ctx(0)))
            {
                Es10Codec.SkipUnknown(contents);
                continue;
            }
            var criteria = contents.ReadSequence(Tags.Ctx(0, constructed: true));
            if (!criteria.HasData) return Es10Codec.ChoiceError(request.Tag, UndefinedError);
            var tag = criteria.PeekTag();
            if (tag.HasSameClassAndValue(Tags.Ctx(0)))
            {
                var seq = criteria.ReadInteger(Tags.Ctx(0));
                if (seq >= long.MinValue && seq <= long.MaxValue) seqNumber = (long)seq;
                filter = n => n.SeqNumber == seq;
            }
            else if (tag.HasSameClassAndValue(Tags.Ctx(1)))
            {
                var events = criteria.ReadNamedBitListValue<NotificationEvents>(Tags.Ctx(1));
                filter = n => (n.Event & events) != 0;
            }
            else if (tag.HasSameClassAndValue(Tags.Ctx(2)))
            {
                criteria.ReadNull(Tags.Ctx(2));
                packageResults = true;
            }
            else
            {
                return Es10Codec.ChoiceError(request.Tag, UndefinedError);
            }
            if (criteria.HasData) return Es10Codec.ChoiceError(request.Tag, UndefinedError);
        }

        // Notifications and eUICC Package Results share one sequence-number space (RemoveNotificationFromList
        // removes either), so a seqNumber search finds either; an EPR comes back as euiccPackageResultList.
        // SGP.32 v1.2 §5.9.11, and §2.11.1.2 IpaEuiccDataRequest.searchCriteriaEuiccPackageResult.seqNumber.
        if (seqNumber is { } wanted && context.Engine.PackageResults.Any(n => n.SeqNumber == wanted)) packageResults = true;

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        {
            if (packageResults)
            {
                // SGP.32 §5.9.11: eUICC Package Results are listed apart from profile notifications.
                using (writer.PushSequence(Tags.Ctx(2, constructed: true)))
                {
                    foreach (var n in context.Engine.PackageResults.Where(filter)) writer.WriteEncodedValue(n.SignedObject);
                }
            }
            else
            {
                using (writer.PushSequence(Tags.Ctx(0, constructed: true)))
                {
                    foreach (var n in context.Engine.ProfileNotifications.Where(filter))
                        writer.WriteEncodedValue(n.SignedObject);
                }
            }
        }
        return writer.Encode();
    }
}
