using System.Formats.Asn1;
using EuiccEmulator.Core.Es10;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.16 ProfileRollback: BF58 { 80 refreshFlag } -> BF58 { 02 cmdResult, BF51 EuiccPackageResult? }
public sealed class ProfileRollbackHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.ProfileRollback;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var refresh = RefreshFlagRequest.Read(request);
        var engine = context.Engine;
        var settings = engine.Settings;
        int result;
        byte[]? packageResult = null;
        var current = engine.EnabledProfile;
        var previous = engine.FindByDigits(settings.RollbackIccid);
        if (settings.RollbackResult is null || previous is null || engine.EmergencyInUse) result = 1; // rollbackNotAllowed
        else if (refresh && context.Proactive.Busy) result = 5;
        else
        {
            packageResult = settings.RollbackResult;
            engine.Transaction(() =>
            {
                engine.ForceSwitch(current, previous, notify: true);
                engine.UpdateSettings(s => s with { RollbackIccid = null, RollbackResult = null, FallbackPreviousIccid = null });
                return 0;
            });
            context.ProfileSwitched(refresh);
            result = 0;
        }
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        {
            writer.WriteInteger(result);
            if (packageResult is not null) writer.WriteEncodedValue(packageResult);
        }
        return writer.Encode();
    }
}
