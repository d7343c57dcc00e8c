using System.Formats.Asn1;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.16 ProfileRollback: BF58 { 80 refreshFlag } -> BF58 { 02 cmdResult, BF51 EuiccPackageResult? }
internal sealed class ProfileRollbackHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.ProfileRollback;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var refresh = RefreshFlagRequest.Read(request);
        var result = context.Engine.ProfileRollback(catBusy: refresh && context.Proactive.Busy, out var packageResult);
        if (result == ProfileRollbackResult.Ok) context.ProfileSwitched(refresh);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        {
            writer.WriteInteger((int)result);
            if (packageResult is not null) writer.WriteEncodedValue(packageResult);
        }
        return writer.Encode();
    }
}
