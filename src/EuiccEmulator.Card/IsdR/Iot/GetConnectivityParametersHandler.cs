using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.24 GetConnectivityParameters: BF5F {} -> BF5F { A0 { 81 httpParams } | 81 parametersNotAvailable }
internal sealed class GetConnectivityParametersHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.GetConnectivityParameters;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        if (context.Options.ConnectivityHttpParams is not { } http)
            return Es10Codec.ChoiceError(request.Tag, (int)GetConnectivityParametersError.ParametersNotAvailable);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        using (writer.PushSequence(Tags.Ctx(0, constructed: true)))
            writer.WriteOctetString(http, Tags.Ctx(1));
        return writer.Encode();
    }
}
