using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Es10c;

// SGP.22 §5.7.16 EnableProfile: BF31 { A0 { 4F | 5A }, 81 refreshFlag } -> BF31 { 80 enableResult }
internal sealed class EnableProfileHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.EnableProfile;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var (selector, refresh) = ProfileSwitchRequest.Read(request);
        if (refresh && context.Proactive.Busy) return Es10Codec.Result(request.Tag, (int)EnableResult.CatBusy);
        var result = context.Engine.Enable(selector);
        if (result == EnableResult.Ok) context.ProfileSwitched(refresh);
        return Es10Codec.Result(request.Tag, (int)result);
    }
}
