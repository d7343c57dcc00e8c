using System.Formats.Asn1;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.Applets;

/// <summary>Builds OtherSignedNotification: metadata, the ECASD's signature over it, CERT.EUICC and CERT.EUM.</summary>
// SGP.22 §5.7.10 OtherSignedNotification.
internal sealed class SignedNotificationFactory(IEcasdServices ecasd) : INotificationSigner
{
    public byte[] SignNotification(byte[] notificationMetadataTlv)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(notificationMetadataTlv);
            writer.WriteOctetString(ecasd.Sign(notificationMetadataTlv, default), Tags.App(55));
            writer.WriteEncodedValue(ecasd.EuiccCertificate().Span);
            writer.WriteEncodedValue(ecasd.EumCertificate().Span);
        }
        return writer.Encode();
    }
}
