using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Card.IsdR.Es10b;

// SGP.22 §5.7.5 GetRAT: BF43 {} -> BF43 { A0 { 30 { 80 pprIds, A1 { OperatorId... }, 82 pprFlags }... } }
internal sealed class GetRatHandler : IEs10Handler
{
    public Es10Function Function => Es10Catalogue.GetRat;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        while (contents.HasData) Es10Codec.SkipUnknown(contents);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag)) RatEncoder.Write(writer, Tags.Ctx(0, constructed: true), context.Options.Rat);
        return writer.Encode();
    }
}
