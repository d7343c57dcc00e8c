using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Es10;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR.Iot;

// SGP.32 §5.9.10 GetCerts: BF56 { 80 euiccCiPKId? } -> BF56 { A0 { A5 CERT.EUM body, A6 CERT.EUICC body } | 81 error }
internal sealed class GetCertsHandler : IEs10Handler
{
    private const int InvalidCiPKId = 1;

    public Es10Function Function => Es10Catalogue.GetCerts;

    public byte[] Handle(Es10Request request, IsdRContext context)
    {
        var contents = request.OpenContents();
        byte[]? ciSki = null;
        while (contents.HasData)
        {
            if (contents.PeekTag().HasSameClassAndValue(Tags.Ctx(0))) ciSki = contents.ReadOctetString(Tags.Ctx(0));
            else Es10Codec.SkipUnknown(contents);
        }
        var chain = ciSki is null ? context.Ecasd.FindChain(context.Ecasd.SigningCiSkis[0].Span) : context.Ecasd.FindChain(ciSki);
        if (chain is null) return Es10Codec.ChoiceError(request.Tag, InvalidCiPKId);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(request.Tag))
        using (writer.PushSequence(Tags.Ctx(0, constructed: true)))
        {
            // Implicitly tagged Certificates: the SEQUENCE tag is replaced, the body stays byte for byte.
            ProfileInfoCodec.WriteRetagged(writer, Tags.Ctx(5, constructed: true), chain.EumCertificate.ToArray());
            ProfileInfoCodec.WriteRetagged(writer, Tags.Ctx(6, constructed: true), chain.EuiccCertificate.ToArray());
        }
        return writer.Encode();
    }
}
