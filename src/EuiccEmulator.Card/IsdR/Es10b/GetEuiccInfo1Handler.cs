using System.Formats.Asn1;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Es10b;

// SGP.22 §5.7.8 GetEUICCInfo1: BF20 {} -> BF20 { 82 svn, A9 { 04 SKI... }, AA { 04 SKI... } }
internal sealed class GetEuiccInfo1Handler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.GetEuiccInfo1;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        EuiccInfoEncoder.WriteInfo1(writer, request.Tag, context);
        return writer.Encode();
    }
}
