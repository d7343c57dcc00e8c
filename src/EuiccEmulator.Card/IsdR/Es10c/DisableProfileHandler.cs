using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Es10c;

// SGP.22 §5.7.17 DisableProfile: BF32 { A0 { 4F | 5A }, 81 refreshFlag } -> BF32 { 80 disableResult }
internal sealed class DisableProfileHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.DisableProfile;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var (selector, refresh) = ProfileSwitchRequest.Read(request);
        if (refresh && context.Proactive.Busy) return Es10Codec.Result(request.Tag, (int)DisableResult.CatBusy);
        var result = context.Engine.Disable(selector);
        if (result == DisableResult.Ok) context.ProfileSwitched(refresh);
        return Es10Codec.Result(request.Tag, (int)result);
    }
}
