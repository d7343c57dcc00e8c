using EuiccEmulator.Rsp.Es10;

namespace EuiccEmulator.Rsp.Trace;

/// <summary>Names of card-OS instructions and of the ES10 function a first STORE DATA block starts, for logs.</summary>
public static class InstructionNames
{
    private static readonly Dictionary<byte, string> Instructions = new()
    {
        [0xA4] = "SELECT", [0x70] = "MANAGE CHANNEL", [0xC0] = "GET RESPONSE", [0xE2] = "STORE DATA",
        [0xCA] = "GET DATA", [0x12] = "FETCH", [0x14] = "TERMINAL RESPONSE", [0x10] = "TERMINAL PROFILE",
        [0xAA] = "TERMINAL CAPABILITY", [0xF2] = "STATUS",
        // The UICC file system and PIN commands (ETSI TS 102 221 §10.1.2, table 10.5).
        [0xB0] = "READ BINARY", [0xD6] = "UPDATE BINARY", [0xB2] = "READ RECORD", [0xDC] = "UPDATE RECORD",
        [0xA2] = "SEARCH RECORD", [0x32] = "INCREASE", [0x20] = "VERIFY PIN", [0x24] = "CHANGE PIN",
        [0x26] = "DISABLE PIN", [0x28] = "ENABLE PIN", [0x2C] = "UNBLOCK PIN", [0x04] = "DEACTIVATE FILE",
        [0x44] = "ACTIVATE FILE", [0x88] = "AUTHENTICATE", [0x84] = "GET CHALLENGE", [0xC2] = "ENVELOPE",
        [0x76] = "SUSPEND UICC",
        [0x78] = "GET IDENTITY", // 3GPP TS 31.102 §7.5
    };

    /// <summary>"STORE DATA GetEID" for a first STORE DATA block; the instruction name otherwise.</summary>
    public static string Describe(ReadOnlySpan<byte> apdu, Sgp32Version version = Sgp32Version.V1_2)
    {
        if (apdu.Length < 4) return "(short APDU)";
        var name = Instructions.GetValueOrDefault(apdu[1], $"INS {apdu[1]:X2}");
        if (apdu[1] == 0xE2 && apdu[3] == 0 && apdu.Length >= 7)
        {
            var data = apdu[4] == 0 && apdu.Length >= 9 ? apdu[7..] : apdu[5..];
            if (data.Length >= 2 && (data[0] & 0x1F) == 0x1F)
            {
                var tag = data[0] << 8 | data[1];
                var release = version == Sgp32Version.V1_0 ? Sgp32Releases.V1_0 : Sgp32Releases.V1_2;
                return $"{name} {(Es10Catalogue.Find(tag, release) is { } f ? Es10Catalogue.Label(f, release) : $"tag {tag:X4}")}";
            }
        }
        return name;
    }
}
