using System.Formats.Asn1;
using EuiccEmulator.Card.CardOs;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Card.Applets;

/// <summary>The ECASD as an application: selectable, answers GET DATA for the EID.</summary>
// GP Amd... / SGP.02 §2.2.1.3: GET DATA tag 5A returns the EID (read SGP.02-style by tools).
internal sealed class EcasdApplet(IEcasdServices ecasd) : CardApplication
{
    private const byte InsGetData = 0xCA;

    public override ReadOnlySpan<byte> Aid => Aids.Ecasd;

    public override byte[] Fci()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(new Asn1Tag(TagClass.Application, 15, true))) // 6F
        {
            writer.WriteOctetString(Aids.Ecasd, new Asn1Tag(TagClass.ContextSpecific, 4)); // 84
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 5, true))) // A5
                writer.WriteEncodedValue((byte[])[0x9F, 0x65, 0x01, 0xFF]); // max command data length
        }
        return writer.Encode();
    }

    public override AppResponse Process(LogicalChannel channel, ClassByte cla, CommandApdu command)
    {
        if (command.Ins != InsGetData) throw new CardException(StatusWord.InsNotSupported);
        if (!command.Data.IsEmpty) throw new CardException(StatusWord.WrongLength);
        if (command.P1 != 0x00 || command.P2 != 0x5A) throw new CardException(StatusWord.ReferencedDataNotFound);
        var eid = ecasd.Eid.ToBytes();
        return new AppResponse([0x5A, (byte)eid.Length, .. eid]);
    }
}
