using EuiccEmulator.Core.State;
using EuiccEmulator.Core.Es10;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.23 DisableEmergencyProfile: BF5C { 80 refreshFlag } -> BF5C { 80 result }
public sealed class DisableEmergencyProfileHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.DisableEmergencyProfile;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var refresh = RefreshFlagRequest.Read(request);
        var engine = context.Engine;
        int result;
        if (engine.EmergencyProfile is not { State: ProfileState.Enabled } emergency) result = 2; // profileNotInEnabledState
        else if (refresh && context.Proactive.Busy) result = 5;
        else
        {
            var previous = engine.FindByDigits(engine.Settings.EmergencyPreviousIccid);
            engine.Transaction(() =>
            {
                engine.ForceSwitch(emergency, previous, notify: context.Options.NotifyOnEmergencyDisable);
                engine.UpdateSettings(s => s with
                {
                    EmergencyActive = false,
                    EmergencyPreviousIccid = null,
                    RollbackIccid = null,
                    RollbackResult = null,
                });
                return 0;
            });
            context.ProfileSwitched(refresh);
            result = 0;
        }
        return Es10Codec.Result(request.Tag, result);
    }
}
