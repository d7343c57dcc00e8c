using EuiccEmulator.Rsp.Codes;
using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.State;

namespace EuiccEmulator.Fuzz;

/// <summary>
/// The UICC plane of the enabled TS.48 v7 profile: a sequence of APDUs (each prefixed by its length byte) after a card
/// reset, no application selected. Every APDU must get a status word without an internal error, and a refused one
/// may commit only a PIN or PUK try counted down (ETSI TS 102 221 §11.1.9-§11.1.13).
/// </summary>
public sealed class UiccTarget : IFuzzTarget
{
    private static readonly Lazy<byte[]> s_package = new(() =>
        File.ReadAllBytes(Path.Combine(RepoPaths.Ts48, "v7", "TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV.der")));

    private FuzzCard? _card;
    private int _runs;

    public string Name => "uicc";

    private const string SuciCalcInfo = "A006020101020000A16B80011B8141"
        + "0472DA71976234CE833A6907425867B82E074D44EF907DFB4B3E21C1C2256EBCD1"
        + "5A7DED52FCBB097A4ED250E036C7B9C8C7004C4EEDC4F068CD7BF8D3F900E3B4"
        + "80011E8120" + "5A8D38864820197C3394B92613B20B91633CBD897119273BF8E4A6F4EEC0A650" + "FF";

    public IEnumerable<byte[]> Seeds()
    {
        string[][] scripts =
        [
            ["00A4000C022FE2", "00B000000A", "00A4000C022F00", "00B2010400", "00F2000000"],
            ["00A4040407A0000000871002", "00C0000000", "002000010830303030FFFFFFFF", "00A4000C026F07", "00B0000009",
             "00D6000009089910101032547698", "0020000A083535353535353535", "00D6000009089910101032547698"],
            ["00A4040C0CA0000000871002FF49FF0589", "002000010830303030FFFFFFFF",
             "00880081221000112233445566778899AABBCCDDEEFF10000000000000800000000000000000000000",
             "00880080111000112233445566778899AABBCCDDEEFF00"],
            ["A0A40000023F00", "A0C0000016", "A02000010830303030FFFFFFFF", "A08800001000112233445566778899AABBCCDDEEFF", "A0C000000C"],
            ["0020000108313131313131FFFF", "0020000108313131313131FFFF", "0020000100", "002C000110313131313131313132323232FFFFFFFF"],
            ["00A4080C047FFF6F07", "00A4000C025F3B", "00A40300", "00B2010C00", "00A2010404FF"],
            // GET IDENTITY: null scheme, then ECIES profiles B and A under the TS 33.501 Annex C.4 home network keys.
            ["00A4040C07A0000000871002", "002000010830303030FFFFFFFF", "8078000100", "0020000A083535353535353535",
             "00A4000C025FD0", "00A4000C024F01", "00D6000076" + SuciCalcInfo, "00A4040C07A0000000871002", "8078000100",
             "80780002", "80780101"],
        ];
        foreach (var script in scripts)
        {
            var input = new List<byte>();
            foreach (var hex in script)
            {
                var apdu = Convert.FromHexString(hex);
                input.Add((byte)apdu.Length);
                input.AddRange(apdu);
            }
            yield return [.. input];
        }
    }

    public void Run(ReadOnlySpan<byte> input)
    {
        if (_card is null || ++_runs % 64 == 0)
        {
            _card?.Dispose();
            _card = new FuzzCard(withProfiles: false);
            var imported = ProfileImporter.Import(s_package.Value);
            if (!imported.IsSuccess) throw new FuzzFailure("the TS.48 v7 package does not import: " + imported.Error);
            _card.Euicc.Engine.AddPreLoadedProfile(imported.Profile!, s_package.Value);
            if (_card.Euicc.Engine.Enable(ProfileSelector.ByIccid(imported.Profile!.Iccid)) != EnableResult.Ok)
                throw new FuzzFailure("the TS.48 v7 profile does not enable");
        }
        _card.Euicc.Card.Reset();
        for (var i = 0; i < input.Length && i < 64 * 256;)
        {
            var length = input[i];
            var apdu = input.Slice(i + 1, Math.Min(length, input.Length - i - 1));
            i += 1 + length;
            _card.Transmit(apdu, PinTryCounted);
        }
    }

    // VERIFY, CHANGE, DISABLE, ENABLE PIN and UNBLOCK PIN count a wrong value down before answering 63Cx / 6983.
    private static bool PinTryCounted(byte[] apdu, byte[] response) =>
        apdu.Length >= 2 && apdu[1] is 0x20 or 0x24 or 0x26 or 0x28 or 0x2C
        && (response[^2] == 0x63 && (response[^1] & 0xF0) == 0xC0 || response[^2] == 0x69 && response[^1] == 0x83);
}
