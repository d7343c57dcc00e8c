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

    /// <summary>The segment a LoadBoundProfilePackage STORE DATA sequence carries, by its first tag (SGP.22 §2.5.5).</summary>
    public static string? BppSegment(int tag) => tag switch
    {
        0xA0 => "configureISDP",
        0x87 => "configureISDP segment",
        0xA1 => "storeMetadata",
        0x88 => "storeMetadata segment",
        0xA2 => "replaceSessionKeys",
        0xA3 => "loadProfileElements",
        0x86 => "profile element segment",
        _ => null,
    };

    /// <summary>The field name of a tag inside the request or response of an ES10 function (PROTOCOL.md §4), or null.</summary>
    public static string? Field(int function, int parent, int tag)
    {
        var qualified = $"{parent:X2}/{tag:X2}";
        var plain = $"{tag:X2}";
        // Universal tags (SEQUENCE, INTEGER, OCTET STRING...) are named only under a known parent.
        var universal = tag < 0x40;
        if (Fields.TryGetValue(function, out var own) && (own.TryGetValue(qualified, out var name) || !universal && own.TryGetValue(plain, out name)))
            return name;
        return Common.TryGetValue(qualified, out name) || Common.TryGetValue(plain, out name) ? name : null;
    }

    // Tags whose meaning does not depend on the function: application, private and structural ones.
    private static readonly Dictionary<string, string> Common = new(StringComparer.Ordinal)
    {
        ["4F"] = "isdpAid", ["5A"] = "iccid / eid", ["5C"] = "tagList", ["5F37"] = "signature", ["5F49"] = "euiccOtpk",
        ["9F70"] = "profileState", ["E3"] = "ProfileInfo", ["BF2F"] = "NotificationMetadata",
        ["BF37"] = "ProfileInstallationResult", ["BF27"] = "ProfileInstallationResultData", ["BF23"] = "initialiseSecureChannel",
        ["BF25"] = "StoreMetadataRequest", ["BF76"] = "profilePolicyRules", ["A5"] = "eumCertificate", ["A6"] = "euiccCertificate",
        ["91"] = "serviceProviderName", ["92"] = "profileName", ["93"] = "iconType", ["94"] = "icon",
        ["95"] = "profileClass", ["B6"] = "notificationConfigurationInfo", ["B7"] = "profileOwner",
        ["B8"] = "dpProprietaryData", ["99"] = "pprIds", ["9F7B"] = "ecallIndication", ["9F26"] = "fallbackAttribute",
        ["9F67"] = "fallbackAllowed", ["A9/04"] = "subjectKeyIdentifier", ["AA/04"] = "subjectKeyIdentifier",
        ["BF2F/80"] = "seqNumber", ["BF2F/81"] = "profileManagementOperation", ["BF2F/0C"] = "notificationAddress",
        ["BF37/5F37"] = "euiccSignPIR", ["BF27/80"] = "transactionId", ["BF27/BF2F"] = "notificationMetadata",
        ["BF27/06"] = "smdpOid", ["BF27/A2"] = "finalResult", ["A2/A0"] = "successResult", ["A2/A1"] = "errorResult",
        ["A1/80"] = "bppCommandId", ["A1/81"] = "errorReason", ["A0/4F"] = "aid", ["E3/90"] = "profileNickname",
    };

    private static readonly Dictionary<int, Dictionary<string, string>> Fields = new()
    {
        [0xBF3E] = new(StringComparer.Ordinal) { ["5A"] = "eidValue" },
        [0xBF2E] = new(StringComparer.Ordinal) { ["80"] = "euiccChallenge" },
        [0xBF20] = new(StringComparer.Ordinal) { ["82"] = "svn", ["A9"] = "euiccCiPKIdListForVerification", ["AA"] = "euiccCiPKIdListForSigning" },
        [0xBF22] = new(StringComparer.Ordinal)
        {
            ["81"] = "profileVersion", ["82"] = "svn", ["83"] = "euiccFirmwareVer", ["84"] = "extCardResource",
            ["85"] = "uiccCapability", ["86"] = "ts102241Version", ["87"] = "globalplatformVersion", ["88"] = "rspCapability",
            ["A9"] = "euiccCiPKIdListForVerification", ["AA"] = "euiccCiPKIdListForSigning", ["8B"] = "euiccCategory",
            ["99"] = "forbiddenProfilePolicyRules", ["BF22/04"] = "ppVersion", ["B4/81"] = "ecallSupported", ["B4/82"] = "fallbackSupported", ["B4/A0"] = "iotVersion", ["BF22/0C"] = "sasAcreditationNumber",
            ["AC"] = "certificationDataObject", ["90"] = "ipaMode", ["B4"] = "iotSpecificInfo",
        },
        [0xBF3C] = new(StringComparer.Ordinal) { ["80"] = "defaultDpAddress", ["81"] = "rootDsAddress" },
        [0xBF3F] = new(StringComparer.Ordinal) { ["80"] = "defaultDpAddress / result" },
        [0xBF28] = new(StringComparer.Ordinal) { ["81"] = "profileManagementOperation", ["A0"] = "notificationMetadataList" },
        [0xBF2B] = new(StringComparer.Ordinal) { ["A0"] = "searchCriteria / notificationList", ["80"] = "seqNumber", ["81"] = "profileManagementOperation", ["82"] = "euiccPackageResults", ["A0/30"] = "OtherSignedNotification", ["A2"] = "euiccPackageResultList" },
        [0xBF30] = new(StringComparer.Ordinal) { ["80"] = "seqNumber / deleteNotificationStatus" },
        [0xBF2D] = new(StringComparer.Ordinal) { ["A0"] = "searchCriteria / profileInfoListOk", ["90"] = "profileNickname", ["81"] = "profileInfoListError" },
        [0xBF31] = new(StringComparer.Ordinal) { ["A0"] = "profileIdentifier", ["81"] = "refreshFlag", ["80"] = "enableResult" },
        [0xBF32] = new(StringComparer.Ordinal) { ["A0"] = "profileIdentifier", ["81"] = "refreshFlag", ["80"] = "disableResult" },
        [0xBF33] = new(StringComparer.Ordinal) { ["80"] = "deleteResult" },
        [0xBF34] = new(StringComparer.Ordinal) { ["82"] = "resetOptions", ["80"] = "resetResult" },
        [0xBF29] = new(StringComparer.Ordinal) { ["90"] = "profileNickname", ["80"] = "setNicknameResult" },
        [0xBF38] = new(StringComparer.Ordinal)
        {
            ["80"] = "transactionId", ["81"] = "euiccChallenge", ["83"] = "serverAddress", ["84"] = "serverChallenge",
            ["BF38/04"] = "euiccCiPKIdToBeUsed", ["BF38/A0"] = "ctxParams1 / authenticateResponseOk", ["BF38/A1"] = "authenticateResponseError",
            ["BF38/30"] = "serverSigned1", ["A0/30"] = "euiccSigned1", ["A1/02"] = "authenticateErrorCode", ["A0/A1"] = "deviceInfo",
            ["A1/80"] = "tac", ["A1/A1"] = "deviceCapabilities", ["30/A2"] = "deviceInfo", ["5F37"] = "serverSignature1 / euiccSignature1",
        },
        [0xBF21] = new(StringComparer.Ordinal)
        {
            ["80"] = "transactionId", ["30/01"] = "ccRequiredFlag", ["5F49"] = "bppEuiccOtpk / euiccOtpk", ["BF21/04"] = "hashCc",
            ["BF21/30"] = "smdpSigned2", ["A0/30"] = "euiccSigned2", ["A1/02"] = "downloadErrorCode",
            ["A0"] = "downloadResponseOk", ["A1"] = "downloadResponseError",
            ["5F37"] = "smdpSignature2 / euiccSignature2",
        },
        [0xBF36] = new(StringComparer.Ordinal) { ["80"] = "transactionId", ["5F49"] = "smdpOtpk", ["A0"] = "firstSequenceOf87", ["87"] = "configureISDP (protected)", ["A1"] = "sequenceOf88", ["88"] = "storeMetadata (protected)", ["A3"] = "sequenceOf86", ["86"] = "profile element segment" },
        [0xBF41] = new(StringComparer.Ordinal) { ["80"] = "transactionId", ["81"] = "reason", ["A0"] = "cancelSessionResponseOk", ["5F37"] = "euiccCancelSessionSignature" },
        [0xBF43] = new(StringComparer.Ordinal) { ["A0"] = "pprAuthorisations", ["80"] = "pprIds", ["A1"] = "allowedOperators", ["82"] = "pprFlags" },
        [0xBF51] = new(StringComparer.Ordinal)
        {
            ["BF52"] = "euiccPackageSigned", ["5F37"] = "eimSignature / euiccSignEPR", ["80"] = "eimId", ["5A"] = "eidValue",
            ["81"] = "counterValue", ["82"] = "eimTransactionId", ["A0"] = "psmoList / euiccPackageResultDataSigned", ["A1"] = "ecoList",
        },
        [0xBF55] = new(StringComparer.Ordinal) { ["A0"] = "eimConfigurationDataList / searchCriteria", ["80"] = "eimId", ["81"] = "eimFqdn", ["82"] = "eimIdType", ["83"] = "counterValue", ["84"] = "associationToken", ["A5"] = "eimPublicKeyData" },
        [0xBF56] = new(StringComparer.Ordinal) { ["80"] = "euiccCiPKId", ["A0"] = "certs", ["81"] = "getCertsError" },
        [0xBF57] = new(StringComparer.Ordinal) { ["A0"] = "eimConfigurationDataList / addInitialEimOk", ["80"] = "eimId", ["81"] = "eimFqdn", ["82"] = "eimIdType", ["83"] = "counterValue", ["84"] = "associationToken", ["A5"] = "eimPublicKeyData", ["A0/05"] = "addOk" },
    };
}
