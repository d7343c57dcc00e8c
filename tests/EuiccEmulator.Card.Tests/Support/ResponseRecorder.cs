namespace EuiccEmulator.Card.Tests.Support;

/// <summary>
/// Writes every ES10 response a test receives to $EUICC_RECORD_DIR as PDU.N.der, so CI can run the
/// independent asn1c DER checker over them. Does nothing when the variable is unset.
/// </summary>
internal static class ResponseRecorder
{
    private static readonly string? Directory = Environment.GetEnvironmentVariable("EUICC_RECORD_DIR");

    // The ASN.1 type of each response, by outer tag (RSPDefinitions v2.5, SGP32Definitions v1.2).
    private static readonly Dictionary<string, string> Pdus = new(StringComparer.Ordinal)
    {
        ["BF3E"] = "GetEuiccDataResponse", ["BF2D"] = "ProfileInfoListResponse", ["BF20"] = "EUICCInfo1",
        ["BF22"] = "SGP32-EUICCInfo2", ["BF3C"] = "EuiccConfiguredAddressesResponse", ["BF3F"] = "SetDefaultDpAddressResponse",
        ["BF2E"] = "GetEuiccChallengeResponse", ["BF28"] = "ListNotificationResponse",
        ["BF2B"] = "SGP32-RetrieveNotificationsListResponse", ["BF30"] = "NotificationSentResponse",
        ["BF31"] = "EnableProfileResponse", ["BF32"] = "DisableProfileResponse", ["BF33"] = "DeleteProfileResponse",
        ["BF34"] = "EuiccMemoryResetResponse", ["BF29"] = "SetNicknameResponse",
        ["BF38"] = "AuthenticateServerResponse", ["BF21"] = "PrepareDownloadResponse",
        ["BF37"] = "ProfileInstallationResult", ["BF41"] = "CancelSessionResponse", ["BF43"] = "GetRatResponse",
        ["BF51"] = "EuiccPackageResult", ["BF55"] = "GetEimConfigurationDataResponse", ["BF56"] = "GetCertsResponse",
        ["BF57"] = "AddInitialEimResponse", ["BF58"] = "ProfileRollbackResponse", ["BF59"] = "ConfigureImmediateProfileEnablingResponse",
        ["BF5A"] = "ImmediateEnableResponse", ["BF5B"] = "EnableEmergencyProfileResponse", ["BF5C"] = "DisableEmergencyProfileResponse",
        ["BF5D"] = "ExecuteFallbackMechanismResponse", ["BF5E"] = "ReturnFromFallbackResponse",
        ["BF5F"] = "GetConnectivityParametersResponse", ["BF64"] = "SGP32-EuiccMemoryResetResponse",
        ["BF65"] = "SGP32-SetDefaultDpAddressResponse",
    };

    public static void Record(string responseHex)
    {
        if (Directory is null || responseHex.Length < 4 || !Pdus.TryGetValue(responseHex[..4], out var pdu)) return;
        System.IO.Directory.CreateDirectory(Directory);
        // Named by content: the same response recorded twice is checked once.
        var bytes = Convert.FromHexString(responseHex);
        var name = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes).AsSpan(0, 12));
        var path = Path.Combine(Directory, $"{pdu}.{name}.der");
        if (File.Exists(path)) return;
        try
        {
            File.WriteAllBytes(path, bytes);
        }
        catch (IOException)
        {
            // Another test thread is writing the same bytes under the same name.
        }
    }
}
