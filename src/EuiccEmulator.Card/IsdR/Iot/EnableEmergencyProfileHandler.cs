using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.22 EnableEmergencyProfile: BF5B { 80 refreshFlag } -> BF5B { 80 result }
internal sealed class EnableEmergencyProfileHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.EnableEmergencyProfile;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var refresh = RefreshFlagRequest.Read(request);
        var result = context.Engine.EnableEmergencyProfile(catBusy: refresh && context.Proactive.Busy);
        if (result == 0) context.ProfileSwitched(refresh);
        return Es10Codec.Result(request.Tag, (int)result);
    }
}
