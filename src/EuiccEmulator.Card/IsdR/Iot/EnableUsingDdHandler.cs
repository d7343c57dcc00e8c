using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 v1.0 §5.9.15 EnableUsingDD (v1.0 card mode): BF5A {} -> BF5A { 80 enableUsingDDResult }
// ok 0, autoEnableNotAvailable 1, noSessionContext 4, undefinedError 127. v1.2 renamed it ImmediateEnable and
// added refreshFlag and catBusy; without a refreshFlag the v1.0 card always asks for a REFRESH after the switch.
internal sealed class EnableUsingDdHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.EnableUsingDd;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        // [unverified] v1.0 has no refreshFlag: the card asks for a REFRESH as after a PSMO switch. A busy CAT
        // session cannot take it and v1.0 has no catBusy, so the function fails undefined.
        var result = context.Proactive.Busy ? ImmediateEnableResult.UndefinedError : context.Engine.ImmediateEnable(catBusy: false);
        if (result == ImmediateEnableResult.Ok) context.ProfileSwitched(refresh: true);
        return Es10Codec.Result(request.Tag, (int)result);
    }
}
