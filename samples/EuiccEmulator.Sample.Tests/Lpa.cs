using System.Formats.Asn1;

namespace EuiccEmulator.Sample.Tests;

/// <summary>
/// The few APDUs an LPA sends, over any <see cref="ICard"/>: SELECT ISD-R, ES10 requests in STORE DATA, GET RESPONSE
/// while the card has more. Written against the card's contact interface only, as code under test would be.
/// </summary>
internal sealed class Lpa(ICard card)
{
    private static readonly byte[] IsdR = Convert.FromHexString("A0000005591010FFFFFFFF8900000100");

    /// <summary>Status words the card answered with, in order.</summary>
    public List<int> StatusWords { get; } = [];

    public void PowerOnAndSelectIsdR()
    {
        card.PowerOn();
        Send([0x00, 0xA4, 0x04, 0x00, (byte)IsdR.Length, .. IsdR, 0x00]);
    }

    public void ResetAndSelectIsdR()
    {
        card.Reset();
        Send([0x00, 0xA4, 0x04, 0x00, (byte)IsdR.Length, .. IsdR, 0x00]);
    }

    /// <summary>One ES10 request (under 256 bytes, so one STORE DATA block); returns the response data.</summary>
    public byte[] Es10(byte[] request) => Send([0x80, 0xE2, 0x91, 0x00, (byte)request.Length, .. request, 0x00]);

    public byte[] GetEid() => Es10(Convert.FromHexString("BF3E035C015A"));

    public byte[] GetEuiccInfo1() => Es10(Convert.FromHexString("BF2000"));

    /// <summary>GetProfilesInfo for ICCID (5A) and state (9F70): each profile's ICCID digits and whether it is enabled.</summary>
    public List<(string Iccid, bool Enabled)> ListProfiles()
    {
        var response = Es10(Convert.FromHexString("BF2D055C035A9F70"));
        var reader = new AsnReader(response, AsnEncodingRules.BER).ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 45));
        var list = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
        var profiles = new List<(string, bool)>();
        while (list.HasData)
        {
            var info = list.ReadSequence(new Asn1Tag(TagClass.Private, 3));
            var iccid = info.ReadOctetString(new Asn1Tag(TagClass.Application, 26));
            var state = info.ReadInteger(new Asn1Tag(TagClass.ContextSpecific, 112));
            profiles.Add((SwappedBcdDigits(iccid), state == 1));
        }
        return profiles;
    }

    /// <summary>EnableProfile by ICCID without REFRESH; returns enableResult (0 = ok).</summary>
    public int Enable(Iccid iccid) => SwitchResult(0xBF31, iccid);

    /// <summary>DisableProfile by ICCID without REFRESH; returns disableResult (0 = ok).</summary>
    public int Disable(Iccid iccid) => SwitchResult(0xBF32, iccid);

    private int SwitchResult(int tag, Iccid iccid)
    {
        // BFxx { A0 { 5A iccid } 81 refreshFlag=false } -> BFxx { 80 result }
        var request = Convert.FromHexString($"{tag:X4}11A00C5A0A{Convert.ToHexString(iccid.ToSwappedBcd())}810100");
        var response = Es10(request);
        Assert.Equal($"{tag:X4}038001", Convert.ToHexString(response.AsSpan(0, 5)));
        return response[5];
    }

    private byte[] Send(byte[] apdu)
    {
        var data = new List<byte>();
        var response = card.Transmit(apdu);
        while (true)
        {
            data.AddRange(response[..^2]);
            var sw = response[^2] << 8 | response[^1];
            StatusWords.Add(sw);
            // 61xx: more data waits for GET RESPONSE; 9000 or 91xx (a proactive command pending) end the exchange.
            if (response[^2] != 0x61)
            {
                if (sw != 0x9000 && response[^2] != 0x91) throw new InvalidOperationException($"card answered {sw:X4}");
                return [.. data];
            }
            response = card.Transmit([0x00, 0xC0, 0x00, 0x00, response[^1]]);
        }
    }

    private static string SwappedBcdDigits(byte[] value) =>
        string.Concat(value.Select(b => $"{b & 0x0F:X}{b >> 4:X}")).TrimEnd('F');
}
