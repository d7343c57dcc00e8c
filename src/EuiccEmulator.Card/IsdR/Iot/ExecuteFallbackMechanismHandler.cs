using EuiccEmulator.Core.State;
using EuiccEmulator.Core.Es10;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.20 ExecuteFallbackMechanism: BF5D { 80 refreshFlag } -> BF5D { 80 result }
public sealed class ExecuteFallbackMechanismHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.ExecuteFallbackMechanism;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var refresh = RefreshFlagRequest.Read(request);
        var engine = context.Engine;
        int result;
        if (engine.EmergencyInUse) result = 104; // ecallActive: emergency preempts fallback
        else if (engine.FallbackProfile is not { } fallback) result = 6; // fallbackNotAvailable
        else if (fallback.State != ProfileState.Disabled) result = 2; // profileNotInDisabledState
        else if (engine.EnabledProfile is not { } current) result = 7; // commandError: nothing to fall back from
        else if (refresh && context.Proactive.Busy) result = 5; // catBusy
        else
        {
            engine.Transaction(() =>
            {
                engine.ForceSwitch(current, fallback, notify: true);
                engine.UpdateSettings(s => s with { FallbackPreviousIccid = current.Iccid.Digits, RollbackIccid = null, RollbackResult = null });
                return 0;
            });
            context.ProfileSwitched(refresh);
            result = 0;
        }
        return Es10Codec.Result(request.Tag, result);
    }
}
