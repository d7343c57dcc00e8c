namespace EuiccEmulator.Card.Tests.Support;

/// <summary>
/// Writes every ES10 response a test receives to $EUICC_RECORD_DIR as PDU.N.der, so CI can run the
/// independent asn1c DER checker over them; a v1.0 card's responses go to v1.0/, checked against the v1.0 module.
/// Does nothing when the variable is unset.
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

    // SGP32Definitions v1.0 where it differs from v1.2: types the checker compiles with a V10- prefix (they clash with
    // RSPDefinitions), the v1.0 names of BF59/BF5A, and the v1.0 IoT eUICCMemoryReset under BF34 (SGP.32 v1.0 §5.9.5).
    private static readonly Dictionary<string, string> V10Names = new(StringComparer.Ordinal)
    {
        ["BF2D"] = "V10-ProfileInfoListResponse", ["BF22"] = "V10-EUICCInfo2", ["BF2B"] = "V10-RetrieveNotificationsListResponse",
        ["BF34"] = "V10-EuiccMemoryResetResponse", ["BF38"] = "V10-AuthenticateServerResponse",
        ["BF21"] = "V10-PrepareDownloadResponse", ["BF37"] = "V10-ProfileInstallationResult", ["BF41"] = "V10-CancelSessionResponse",
        ["BF59"] = "ConfigureAutoProfileEnablingResponse", ["BF5A"] = "EnableUsingDDResponse",
    };

    // Tags v1.0 does not define are not recorded from a v1.0 card: it refuses them.
    private static readonly string[] V12Only = ["BF5B", "BF5C", "BF5D", "BF5E", "BF5F", "BF64", "BF65"];

    private static readonly Dictionary<string, string> V10Pdus = Pdus.Where(p => !V12Only.Contains(p.Key))
        .ToDictionary(p => p.Key, p => V10Names.GetValueOrDefault(p.Key, p.Value), StringComparer.Ordinal);

    public static void Record(string responseHex, bool v10 = false)
    {
        if (Directory is null || responseHex.Length < 4 || !(v10 ? V10Pdus : Pdus).TryGetValue(responseHex[..4], out var pdu)) return;
        var directory = v10 ? Path.Combine(Directory, "v1.0") : Directory;
        System.IO.Directory.CreateDirectory(directory);
        // Named by content: the same response recorded twice is checked once.
        var bytes = Convert.FromHexString(responseHex);
        var name = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes).AsSpan(0, 12));
        var path = Path.Combine(directory, $"{pdu}.{name}.der");
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
