using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.15 ImmediateEnable: BF5A { 80 refreshFlag } -> BF5A { 80 result }
internal sealed class ImmediateEnableHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.ImmediateEnable;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var refresh = RefreshFlagRequest.Read(request);
        var result = context.Engine.ImmediateEnable(catBusy: refresh && context.Proactive.Busy);
        if (result == 0) context.ProfileSwitched(refresh);
        return Es10Codec.Result(request.Tag, (int)result);
    }
}
