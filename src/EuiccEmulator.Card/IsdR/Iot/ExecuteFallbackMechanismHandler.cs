using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.20 ExecuteFallbackMechanism: BF5D { 80 refreshFlag } -> BF5D { 80 result }
internal sealed class ExecuteFallbackMechanismHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.ExecuteFallbackMechanism;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var refresh = RefreshFlagRequest.Read(request);
        var result = context.Engine.ExecuteFallbackMechanism(catBusy: refresh && context.Proactive.Busy);
        if (result == 0) context.ProfileSwitched(refresh);
        return Es10Codec.Result(request.Tag, (int)result);
    }
}
