using EuiccEmulator.Card.Uicc.Suci;
using EuiccEmulator.Iso7816;

namespace EuiccEmulator.Card.Uicc;

/// <summary>
/// GET IDENTITY in the SUCI context: the USIM conceals its IMSI under the home network key of its own SUCI
/// calculation information (service n°124 and n°125 available). Nothing is stored: each answer has a new ephemeral key.
/// </summary>
// ETSI TS 102 221 §11.1.23 (command), 3GPP TS 31.102 §7.5 (USIM: P2, response 'A1' SUCI), §5.3.48 (services),
// TS 24.501 §9.11.3.4 (5GS mobile identity: the SUCI's octets 4 and on), TS 33.501 §6.12.2, Annex C (schemes).
//
// Hex vectors (tests/EuiccEmulator.Card.Tests/Uicc/UiccGetIdentityTests.cs), TS.48 v7 SUCI profile, PIN verified:
//   80780001 00 -> A10D 01 00F110 F0FF 00 00 1032547698 9000   IMSI 001010123456789, routing indicator 0, null scheme
//   00780001 00 -> 6E00   80780101 00 -> 6A86   80780003 00 -> 6A86   80780002 00 -> 6A81 (5G NSWO context)
//   8078000101FF -> 6700  without PIN -> 6982   services n°124/125 not both available -> 6D00
internal sealed class UiccGetIdentity(Func<int, byte[]> random)
{
    private const byte ContextSuci = 0x01;
    private const byte ContextSuci5GNswo = 0x02;
    private const int ServiceSuciCalculation = 124;        // SUCI calculation (by the ME or the USIM)
    private const int ServiceSuciByUsim = 125;             // SUCI calculation by the USIM
    private const int ServiceSupiNai = 130;                 // SUPI as a network specific identifier
    private const ushort EfImsi = 0x6F07;
    private const ushort EfAd = 0x6FAD;
    private const ushort Df5Gs = 0x5FC0;
    private const ushort EfRoutingIndicator = 0x4F0A;
    private const ushort DfSaip = 0x5FD0;
    private const ushort EfSuciCalcInfoUsim = 0x4F01;
    private const byte TagSuci = 0xA1;

    // ETSI TS 101 220 Annex E: 3GPP RID and the USIM application code.
    private static readonly byte[] UsimAid = [0xA0, 0x00, 0x00, 0x00, 0x87, 0x10, 0x02];

    /// <summary>GET IDENTITY (INS 78, class 8X/CX/EX) on the channel's current application.</summary>
    public byte[] Process(FileSelection sel, CommandApdu command)
    {
        if ((command.Cla & 0x80) == 0) throw new CardException(StatusWord.ClaNotSupported);
        if (command.P1 != 0) throw new CardException(StatusWord.IncorrectP1P2);
        switch (command.P2)
        {
            case ContextSuci:
                break;
            case ContextSuci5GNswo:
                throw new CardException(StatusWord.FunctionNotSupported, "the SUCI 5G NSWO context is not offered");
            default:
                throw new CardException(StatusWord.IncorrectP1P2);
        }
        if (!command.Data.IsEmpty) throw new CardException(StatusWord.WrongLength);
        var fs = sel.FileSystem!;
        if (sel.Application is not { Kind: FileKind.Adf, Aid: { } aid } adf || !aid.AsSpan().StartsWith(UsimAid)
            || adf.Child(EfImsi) is null || !UiccAuthentication.Inside(sel.Df, adf))
        {
            throw new CardException(StatusWord.ConditionsOfUseNotSatisfied, "no USIM selected");
        }
        if (!UiccAuthentication.ServiceAvailable(adf, ServiceSuciCalculation)
            || !UiccAuthentication.ServiceAvailable(adf, ServiceSuciByUsim))
        {
            throw new CardException(StatusWord.InsNotSupported, "this USIM does not calculate the SUCI");
        }
        UiccAuthentication.RequireApplicationPin(fs, adf);
        if (UiccAuthentication.ServiceAvailable(adf, ServiceSupiNai))
            throw new CardException(StatusWord.FunctionNotSupported, "a SUPI of NAI format is not concealed by this card");
        var suci = Suci(adf);
        return [TagSuci, (byte)suci.Length, .. suci];
    }

    private byte[] Suci(UiccFile adf)
    {
        var digits = ImsiDigits(adf.Child(EfImsi)!.Data)
            ?? throw new CardException(StatusWord.ConditionsOfUseNotSatisfied, "EF.IMSI holds no IMSI");
        var mncLength = adf.Child(EfAd) is { Data: { Length: >= 4 } ad } && (ad[3] & 0x0F) is 2 or 3 ? ad[3] & 0x0F : 2;
        if (digits.Length <= 3 + mncLength)
            throw new CardException(StatusWord.ConditionsOfUseNotSatisfied, "EF.IMSI holds no MSIN");

        // TS 24.501 figure 9.11.3.4.3: MCC digit 2|1, MNC digit 3|MCC digit 3, MNC digit 2|1 (F for a 2-digit MNC).
        var mnc3 = mncLength == 3 ? digits[5] : 0xF;
        byte[] plmn = [(byte)(digits[1] << 4 | digits[0]), (byte)(mnc3 << 4 | digits[2]), (byte)(digits[4] << 4 | digits[3])];
        var routing = adf.Child(Df5Gs)?.Child(EfRoutingIndicator) is { Data: { Length: >= 2 } ri } ? ri[..2] : [0xF0, 0xFF];
        var input = Bcd(digits.AsSpan(3 + mncLength));

        var (scheme, keyId, key) = (ProtectionScheme.Null, (byte)0, Array.Empty<byte>());
        if (adf.Child(DfSaip)?.Child(EfSuciCalcInfoUsim) is { } file)
        {
            if (!SuciCalcInfo.TryParse(file.Data, out var info, out var reason))
                throw new CardException(StatusWord.ConditionsOfUseNotSatisfied, $"EF.SUCI_Calc_Info_USIM: {reason}");
            (scheme, keyId, key) = info!.Choose();
        }
        var output = Ecies.Conceal(scheme, key, input, random);
        return [0x01, .. plmn, .. routing, (byte)scheme, keyId, .. output];
    }

    // EF.IMSI (TS 31.102 §4.2.2): length, then digit 1 in the high nibble of the first byte (low nibble: parity and
    // type), the others low nibble first; 'F' ends the IMSI.
    private static byte[]? ImsiDigits(ReadOnlySpan<byte> ef)
    {
        if (ef.Length < 2 || ef[0] < 1 || ef[0] > 8 || ef.Length < 1 + ef[0]) return null;
        var digits = new List<byte>();
        for (var i = 1; i <= ef[0]; i++)
        {
            foreach (var nibble in i == 1 ? [ef[i] >> 4] : new[] { ef[i] & 0x0F, ef[i] >> 4 })
            {
                if (nibble == 0xF) return digits.Count >= 6 ? [.. digits] : null;
                if (nibble > 9) return null;
                digits.Add((byte)nibble);
            }
        }
        return digits.Count >= 6 ? [.. digits] : null;
    }

    // Scheme input of an IMSI SUPI (TS 33.501 Annex C.4.2.1): the MSIN in BCD, low nibble first, 'F' filler.
    private static byte[] Bcd(ReadOnlySpan<byte> digits)
    {
        var result = new byte[(digits.Length + 1) / 2];
        for (var i = 0; i < digits.Length; i++)
            result[i / 2] |= (byte)(i % 2 == 0 ? digits[i] : digits[i] << 4);
        if (digits.Length % 2 != 0) result[^1] |= 0xF0;
        return result;
    }
}
