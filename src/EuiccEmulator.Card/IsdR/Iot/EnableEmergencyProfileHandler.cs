using EuiccEmulator.Core.State;
using EuiccEmulator.Core.Es10;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.22 EnableEmergencyProfile: BF5B { 80 refreshFlag } -> BF5B { 80 result }
// One atomic step: disable the enabled profile, enable the ecall profile, clear any rollback grant.
public sealed class EnableEmergencyProfileHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.EnableEmergencyProfile;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var refresh = RefreshFlagRequest.Read(request);
        var engine = context.Engine;
        int result;
        if (engine.EmergencyProfile is not { } emergency) result = 8; // ecallNotAvailable
        else if (emergency.State != ProfileState.Disabled) result = 2;
        else if (refresh && context.Proactive.Busy) result = 5;
        else
        {
            var current = engine.EnabledProfile;
            engine.Transaction(() =>
            {
                engine.ForceSwitch(current, emergency, notify: false); // no notification on this side (PROTOCOL.md §9.1)
                engine.UpdateSettings(s => s with
                {
                    EmergencyActive = true,
                    EmergencyPreviousIccid = current?.Iccid.Digits,
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
