using System.Formats.Asn1;
using EuiccEmulator.Iso7816;
using EuiccEmulator.Iso7816.Ber;
using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;

namespace EuiccEmulator.Card.IsdR;

/// <summary>Encoding pieces shared by several ES10 handlers.</summary>
internal static class Es10Codec
{
    public static readonly Asn1Tag IsdpAidTag = Tags.App(15);   // 4F
    public static readonly Asn1Tag IccidTag = Tags.App(26);     // 5A

    /// <summary>A response that is one INTEGER result: [n] SEQUENCE { [0] INTEGER }.</summary>
    public static byte[] Result(Asn1Tag responseTag, int result)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(responseTag)) writer.WriteInteger(result, Tags.Ctx(0));
        return writer.Encode();
    }

    /// <summary>A CHOICE response carrying its error INTEGER as alternative [1]: [n] { 81 code }.</summary>
    public static byte[] ChoiceError(Asn1Tag responseTag, int code)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(responseTag)) writer.WriteInteger(code, Tags.Ctx(1));
        return writer.Encode();
    }

    /// <summary>A CHOICE response's error alternative [1] { 80 transactionId, 02 code } (AuthenticateServer, PrepareDownload).</summary>
    public static byte[] TransactionError(Asn1Tag responseTag, byte[] transactionId, int code)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(responseTag))
        using (writer.PushSequence(Tags.Ctx(1, constructed: true)))
        {
            writer.WriteOctetString(transactionId, Tags.Ctx(0));
            writer.WriteInteger(code);
        }
        return writer.Encode();
    }

    /// <summary>Reads a 4F isdpAid or 5A iccid alternative.</summary>
    public static ProfileSelector ReadProfileSelector(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (tag.HasSameClassAndValue(IsdpAidTag))
        {
            var aid = reader.ReadOctetString(IsdpAidTag);
            if (aid.Length is < 1 or > 16) throw new CardException(StatusWord.IncorrectData, "isdpAid size");
            return ProfileSelector.ByAid(aid);
        }
        if (tag.HasSameClassAndValue(IccidTag)) return ProfileSelector.ByIccid(ReadIccid(reader));
        throw new CardException(StatusWord.IncorrectData, "profileIdentifier is neither 4F nor 5A");
    }

    public static Iccid ReadIccid(AsnReader reader)
    {
        var bytes = reader.ReadOctetString(IccidTag);
        if (!Iccid.TryFromSwappedBcd(bytes, out var iccid))
            throw new CardException(StatusWord.IncorrectData, "iccid is not 10 bytes of EF.ICCID coding");
        return iccid;
    }

    /// <summary>Skips components this card version does not know (ASN.1 extensibility).</summary>
    public static void SkipUnknown(AsnReader reader) => reader.ReadEncodedValue();

    public static T ReadBitFlags<T>(AsnReader reader, Asn1Tag tag) where T : struct, Enum =>
        reader.ReadNamedBitListValue<T>(tag);
}
