using EuiccEmulator.Core.State;
using EuiccEmulator.Core.Es10;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.21 ReturnFromFallback: BF5E { 80 refreshFlag } -> BF5E { 80 result }
public sealed class ReturnFromFallbackHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.ReturnFromFallback;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var refresh = RefreshFlagRequest.Read(request);
        var engine = context.Engine;
        var fallback = engine.FallbackProfile;
        var previous = engine.FindByDigits(engine.Settings.FallbackPreviousIccid);
        int result;
        if (fallback is null || fallback.State != ProfileState.Enabled || previous is null) result = 6; // fallbackNotAvailable
        else if (refresh && context.Proactive.Busy) result = 5;
        else
        {
            engine.Transaction(() =>
            {
                engine.ForceSwitch(fallback, previous, notify: true);
                engine.UpdateSettings(s => s with { FallbackPreviousIccid = null, RollbackIccid = null, RollbackResult = null });
                return 0;
            });
            context.ProfileSwitched(refresh);
            result = 0;
        }
        return Es10Codec.Result(request.Tag, result);
    }
}
