using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.23 DisableEmergencyProfile: BF5C { 80 refreshFlag } -> BF5C { 80 result }
internal sealed class DisableEmergencyProfileHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.DisableEmergencyProfile;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var refresh = RefreshFlagRequest.Read(request);
        var result = context.Engine.DisableEmergencyProfile(catBusy: refresh && context.Proactive.Busy,
            notify: context.Options.NotifyOnEmergencyDisable);
        if (result == 0) context.ProfileSwitched(refresh);
        return Es10Codec.Result(request.Tag, (int)result);
    }
}
