using System.Formats.Asn1;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Es10b;

// SGP.22 §5.7.8 GetEUICCInfo2: BF22 {} -> BF22 EUICCInfo2 (SGP.32 §5.9.2: with ipaMode and iotSpecificInfo)
internal sealed class GetEuiccInfo2Handler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.GetEuiccInfo2;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        EuiccInfoEncoder.WriteInfo2(writer, context, context.Options.Iot);
        return writer.Encode();
    }
}
