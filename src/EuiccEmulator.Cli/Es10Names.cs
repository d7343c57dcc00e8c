namespace EuiccEmulator.Cli;

/// <summary>Names of ES10 functions and card-OS instructions, for --verbose logs.</summary>
public static class Es10Names
{
    private static readonly Dictionary<int, string> Functions = new()
    {
        [0xBF20] = "GetEUICCInfo1", [0xBF21] = "PrepareDownload", [0xBF22] = "GetEUICCInfo2",
        [0xBF28] = "ListNotification", [0xBF29] = "SetNickname", [0xBF2B] = "RetrieveNotificationsList",
        [0xBF2D] = "GetProfilesInfo", [0xBF2E] = "GetEUICCChallenge", [0xBF30] = "RemoveNotificationFromList",
        [0xBF31] = "EnableProfile", [0xBF32] = "DisableProfile", [0xBF33] = "DeleteProfile",
        [0xBF34] = "eUICCMemoryReset", [0xBF36] = "LoadBoundProfilePackage", [0xBF38] = "AuthenticateServer",
        [0xBF3C] = "GetEuiccConfiguredAddresses", [0xBF3E] = "GetEID", [0xBF3F] = "SetDefaultDpAddress",
        [0xBF41] = "CancelSession", [0xBF43] = "GetRAT", [0xBF51] = "LoadEuiccPackage",
        [0xBF55] = "GetEimConfigurationData", [0xBF56] = "GetCerts", [0xBF57] = "AddInitialEim",
        [0xBF58] = "ProfileRollback", [0xBF59] = "ConfigureImmediateProfileEnabling", [0xBF5A] = "ImmediateEnable",
        [0xBF5B] = "EnableEmergencyProfile", [0xBF5C] = "DisableEmergencyProfile",
        [0xBF5D] = "ExecuteFallbackMechanism", [0xBF5E] = "ReturnFromFallback",
        [0xBF5F] = "GetConnectivityParameters", [0xBF64] = "eUICCMemoryReset (IoT)", [0xBF65] = "SetDefaultDpAddress (IoT)",
    };

    private static readonly Dictionary<byte, string> Instructions = new()
    {
        [0xA4] = "SELECT", [0x70] = "MANAGE CHANNEL", [0xC0] = "GET RESPONSE", [0xE2] = "STORE DATA",
        [0xCA] = "GET DATA", [0x12] = "FETCH", [0x14] = "TERMINAL RESPONSE", [0x10] = "TERMINAL PROFILE",
        [0xAA] = "TERMINAL CAPABILITY", [0xF2] = "STATUS",
    };

    /// <summary>"STORE DATA GetEID" for a first STORE DATA block; the instruction name otherwise.</summary>
    public static string Describe(ReadOnlySpan<byte> apdu)
    {
        if (apdu.Length < 4) return "(short APDU)";
        var name = Instructions.GetValueOrDefault(apdu[1], $"INS {apdu[1]:X2}");
        if (apdu[1] == 0xE2 && apdu[3] == 0 && apdu.Length >= 7)
        {
            var data = apdu[4] == 0 && apdu.Length >= 9 ? apdu[7..] : apdu[5..];
            if (data.Length >= 2 && (data[0] & 0x1F) == 0x1F)
                return $"{name} {Functions.GetValueOrDefault(data[0] << 8 | data[1], $"tag {data[0]:X2}{data[1]:X2}")}";
        }
        return name;
    }

    public static string? Function(int tag) => Functions.GetValueOrDefault(tag);
}
