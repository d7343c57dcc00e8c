using EuiccEmulator.Rsp.Es10;
using static EuiccEmulator.Rsp.Trace.Asn;

namespace EuiccEmulator.Rsp.Trace;

/// <summary>
/// The ES10 requests and responses, the Bound Profile Package and the eUICC Packages and Results as ASN.1 types, for
/// decoding a trace by path. SGP.22 v2.5 RSPDefinitions (§5.7) and SGP.32 v1.0 / v1.2 SGP32Definitions (§2.11, §5.9):
/// the modules in tests/data/asn1.
/// </summary>
internal sealed class Es10Schema
{
    private readonly Dictionary<int, (string Name, AsnType Request, AsnType Response)> _functions = [];

    private Es10Schema(Sgp32Version version)
    {
        Version = version;
        var v10 = version == Sgp32Version.V1_0;
        Build(v10);
    }

    public Sgp32Version Version { get; }

    public static Es10Schema V1_0 { get; } = new(Sgp32Version.V1_0);

    public static Es10Schema V1_2 { get; } = new(Sgp32Version.V1_2);

    public static Es10Schema For(Sgp32Version version) => version == Sgp32Version.V1_0 ? V1_0 : V1_2;

    /// <summary>The function whose request has this outer tag, or null.</summary>
    public (string Name, AsnType Request, AsnType Response)? Function(int tag) =>
        _functions.TryGetValue(tag, out var f) ? f : null;

    /// <summary>The request tags of every function the schema decodes.</summary>
    public IEnumerable<int> FunctionTags => _functions.Keys;

    /// <summary>The BoundProfilePackage (BF36) and its segments' top-level components (A0..A3).</summary>
    public AsnType BoundProfilePackage { get; private set; } = Seq();

    /// <summary>The ISD-R's SELECT response (FCI): SGP.22 §2.4.3 / SGP.32 §3.8.4 proprietary templates E0 and E1.</summary>
    public AsnType Fci { get; } = Seq(
        F(0x84, "aid", Hex), F(0xA5, "proprietaryData", Seq(F(0x9F65, "maximumLengthOfDataFieldInCommandMessage", Hex))),
        F(0xE0, "isdrProprietaryApplicationTemplate", Seq(F(0x82, "svn", Ver), F(0x81, "lpaeSupport", Hex))),
        F(0xE1, "isdrProprietaryApplicationTemplateIoT", Seq(F(0x80, "euiccConfiguration", Bits("0 ipaeSupported, 1 enabledProfile")))));

    /// <summary>EuiccPackageResult (BF51), also found in ProvideEimPackageResult and RetrieveNotificationsList.</summary>
    public AsnType EuiccPackageResult { get; private set; } = Seq();

    // The names come from the ES10 catalogue, so a trace names a function as the card and the README do.
    private void Add(int tag, AsnType request, AsnType response)
    {
        var release = Version == Sgp32Version.V1_0 ? Sgp32Releases.V1_0 : Sgp32Releases.V1_2;
        var function = Es10Catalogue.Find(tag, release) ?? throw new InvalidOperationException($"{tag:X4} is not in the ES10 catalogue");
        _functions[tag] = (Es10Catalogue.Label(function, release), request, response);
    }

    private static AsnField Result(string name, string codes) => F(0x80, name, Named(codes));

    private const string EnableCodes = "0 ok, 1 iccidOrAidNotFound, 2 profileNotInDisabledState, 3 disallowedByPolicy, "
        + "4 wrongProfileReenabling, 5 catBusy, 127 undefinedError";
    private const string DisableCodes = "0 ok, 1 iccidOrAidNotFound, 2 profileNotInEnabledState, 3 disallowedByPolicy, 5 catBusy, "
        + "127 undefinedError";
    private const string DeleteCodes = "0 ok, 1 iccidOrAidNotFound, 2 profileNotInDisabledState, 3 disallowedByPolicy, 127 undefinedError";
    private const string EventBits = "0 notificationInstall, 1 notificationEnable, 2 notificationDisable, 3 notificationDelete";

    private void Build(bool v10)
    {
        var ski = F(0x04, "subjectKeyIdentifier", Hex);
        var profileIdentifier = Choice(F(0x4F, "isdpAid", Hex), F(0x5A, "iccid", Iccid));
        var operatorId = Seq(F(0x80, "mccMnc", Hex), F(0x81, "gid1", Hex), F(0x82, "gid2", Hex));
        var profileInfo = Seq(
            F(0x5A, "iccid", Iccid), F(0x4F, "isdpAid", Hex),
            F(0x9F70, "profileState", Named("0 disabled, 1 enabled")), F(0x90, "profileNickname", Utf8),
            F(0x91, "serviceProviderName", Utf8), F(0x92, "profileName", Utf8),
            F(0x93, "iconType", Named("0 jpg, 1 png")), F(0x94, "icon", Hex),
            F(0x95, "profileClass", Named("0 test, 1 provisioning, 2 operational")),
            F(0xB6, "notificationConfigurationInfo", SeqOf(F(0x30, "notificationConfigurationInformation",
                Seq(F(0x80, "profileManagementOperation", Bits(EventBits)), F(0x81, "notificationAddress", Utf8))))),
            F(0xB7, "profileOwner", operatorId),
            F(0xB8, "dpProprietaryData", Seq(F(0x80, "dpOid", Oid))),
            F(0x99, "profilePolicyRules", Bits("0 pprUpdateControl, 1 ppr1, 2 ppr2")),
            F(0xBF76, "serviceSpecificDataStoredInEuicc", Hex),
            F(0x9F7B, "ecallIndication", Bool), F(0x9F26, "fallbackAttribute", Bool), F(0x9F67, "fallbackAllowed", Bool));
        var profileInfoListRequest = Seq(
            F(0xA0, "searchCriteria", Choice(F(0x4F, "isdpAid", Hex), F(0x5A, "iccid", Iccid),
                F(0x95, "profileClass", Named("0 test, 1 provisioning, 2 operational")))),
            F(0x5C, "tagList", Hex));
        var profileInfoListResponse = Choice(
            F(0xA0, "profileInfoListOk", SeqOf(F(0xE3, "profileInfo", profileInfo))),
            F(0x81, "profileInfoListError", Named("1 incorrectInputValues, 11 profileChangeOngoing, 127 undefinedError")));
        var notificationMetadata = Seq(
            F(0x80, "seqNumber", Int), F(0x81, "profileManagementOperation", Bits(EventBits)),
            F(0x0C, "notificationAddress", Utf8), F(0x5A, "iccid", Iccid));
        var installResult = Seq(
            F(0xBF27, "profileInstallationResultData", Seq(
                F(0x80, "transactionId", Hex), F(0xBF2F, "notificationMetadata", notificationMetadata),
                F(0x06, "smdpOid", Oid),
                F(0xA2, "finalResult", Choice(
                    F(0xA0, "successResult", Seq(F(0x4F, "aid", Hex), F(0x04, "simaResponse", Hex))),
                    F(0xA1, "errorResult", Seq(
                        F(0x80, "bppCommandId", Named("0 initialiseSecureChannel, 1 configureISDP, 2 storeMetadata, 3 storeMetadata2, "
                            + "4 replaceSessionKeys, 5 loadProfileElements")),
                        F(0x81, "errorReason", Int), F(0x04, "simaResponse", Hex))))))),
            F(0x5F37, "euiccSignPIR", Hex));
        var pendingNotification = F(-1, "pendingNotification", Choice(
            F(0xBF37, "profileInstallationResult", installResult),
            F(0x30, "otherSignedNotification", Seq(
                F(0xBF2F, "tbsOtherNotification", notificationMetadata), F(0x5F37, "euiccNotificationSignature", Hex),
                F(0x30, "euiccCertificate", Cert), F(0x30, "eumCertificate", Cert)))));
        var rat = SeqOf(F(0x30, "profilePolicyAuthorisationRule", Seq(
            F(0x80, "pprIds", Bits("0 pprUpdateControl, 1 ppr1, 2 ppr2")),
            F(0xA1, "allowedOperators", SeqOf(F(0x30, "operatorId", operatorId))),
            F(0x82, "pprFlags", Bits("0 consentRequired")))));
        var deviceInfo = Seq(F(0x80, "tac", Hex), F(0xA1, "deviceCapabilities", Hex), F(0x82, "imei", Hex));
        var ctxParams1 =
            Choice(F(0xA0, "ctxParamsForCommonAuthentication", Seq(F(0x80, "matchingId", Utf8), F(0xA1, "deviceInfo", deviceInfo))));
        var iotSpecific = v10
            ? Seq(F(0xA0, "iotVersion", SeqOf(F(0x04, "version", Ver))))
            : Seq(F(0xA0, "iotVersion", SeqOf(F(0x04, "version", Ver))), F(0x81, "ecallSupported", Null),
                F(0x82, "fallbackSupported", Null));
        var euiccInfo2 = Seq(
            F(0x81, "profileVersion", Ver), F(0x82, "svn", Ver), F(0x83, "euiccFirmwareVer", Ver),
            F(0x84, "extCardResource", Hex), F(0x85, "uiccCapability", Hex), F(0x86, "ts102241Version", Ver),
            F(0x87, "globalplatformVersion", Ver), F(0x88, "rspCapability", Hex),
            F(0xA9, "euiccCiPKIdListForVerification", SeqOf(ski)), F(0xAA, "euiccCiPKIdListForSigning", SeqOf(ski)),
            F(0x8B, "euiccCategory", Named("0 other, 1 basicEuicc, 2 mediumEuicc, 3 contactlessEuicc")),
            F(0x99, "forbiddenProfilePolicyRules", Bits("0 pprUpdateControl, 1 ppr1, 2 ppr2")),
            F(0x04, "ppVersion", Ver), F(0x0C, "sasAcreditationNumber", Utf8),
            F(0xAC, "certificationDataObject", Seq(F(0x80, "platformLabel", Utf8), F(0x81, "discoveryBaseURL", Utf8))),
            F(0x8D, "treProperties", Bits("0 isDiscrete, 1 isIntegrated, 2 usesRemoteMemory")),
            F(0x8E, "treProductReference", Utf8),
            F(0xAF, "additionalEuiccProfilePackageVersions", SeqOf(F(0x04, "version", Ver))),
            F(0x90, "ipaMode", Named("0 ipad, 1 ipae")),
            F(0xB1, v10 ? "rfu2" : "euiccCiPKIdListForSigningV3", SeqOf(ski)),
            F(0x92, v10 ? "rfu3" : "additionalEuiccInfo", Hex),
            F(0x93, v10 ? "rfu4" : "highestSvn", Ver),
            F(0xB4, "iotSpecificInfo", iotSpecific));
        var euiccInfo1 = Seq(F(0x82, "svn", Ver), F(0xA9, "euiccCiPKIdListForVerification", SeqOf(ski)),
            F(0xAA, "euiccCiPKIdListForSigning", SeqOf(ski)));

        // SGP.22 ES10a/b/c (§5.7).
        Add(0xBF3C, Seq(), Seq(F(0x80, "defaultDpAddress", Utf8), F(0x81, "rootDsAddress", Utf8)));
        Add(0xBF3F, Seq(F(0x80, "defaultDpAddress", Utf8)), Seq(Result("setDefaultDpAddressResult", "0 ok, 127 undefinedError")));
        Add(0xBF20, Seq(), euiccInfo1);
        Add(0xBF22, Seq(), euiccInfo2);
        Add(0xBF2E, Seq(), Seq(F(0x80, "euiccChallenge", Hex)));
        Add(0xBF3E, Seq(F(0x5C, "tagList", Hex)), Seq(F(0x5A, "eidValue", Eid)));
        Add(0xBF28, Seq(F(0x81, "profileManagementOperation", Bits(EventBits))), Choice(
            F(0xA0, "notificationMetadataList", SeqOf(F(0xBF2F, "notificationMetadata", notificationMetadata))),
            F(0x81, "listNotificationsResultError", Named("127 undefinedError"))));
        Add(0xBF30, Seq(F(0x80, "seqNumber", Int)),
            Seq(Result("deleteNotificationStatus", "0 ok, 1 nothingToDelete, 127 undefinedError")));
        Add(0xBF2D, profileInfoListRequest, profileInfoListResponse);
        Add(0xBF31, Seq(F(0xA0, "profileIdentifier", profileIdentifier), F(0x81, "refreshFlag", Bool)),
            Seq(Result("enableResult", EnableCodes)));
        Add(0xBF32, Seq(F(0xA0, "profileIdentifier", profileIdentifier), F(0x81, "refreshFlag", Bool)),
            Seq(Result("disableResult", DisableCodes)));
        Add(0xBF33, profileIdentifier, Seq(Result("deleteResult", DeleteCodes)));
        Add(0xBF29, Seq(F(0x5A, "iccid", Iccid), F(0x90, "profileNickname", Utf8)),
            Seq(Result("setNicknameResult", "0 ok, 1 iccidNotFound, 127 undefinedError")));
        Add(0xBF43, Seq(), Seq(F(0xA0, "rat", rat)));
        Add(0xBF38,
            Seq(F(0x30, "serverSigned1",
                Seq(F(0x80, "transactionId", Hex), F(0x81, "euiccChallenge", Hex), F(0x83, "serverAddress", Utf8),
                    F(0x84, "serverChallenge", Hex))),
                F(0x5F37, "serverSignature1", Hex), F(0x04, "euiccCiPKIdToBeUsed", Hex), F(0x30, "serverCertificate", Cert),
                F(0xA0, "ctxParams1", ctxParams1)),
            Choice(
                F(0xA0, "authenticateResponseOk", Seq(
                    F(0x30, "euiccSigned1",
                        Seq(F(0x80, "transactionId", Hex), F(0x83, "serverAddress", Utf8), F(0x84, "serverChallenge", Hex),
                        F(0xBF22, "euiccInfo2", euiccInfo2), F(0xA0, "ctxParams1", ctxParams1))),
                    F(0x5F37, "euiccSignature1", Hex), F(0x30, "euiccCertificate", Cert), F(0x30, "eumCertificate", Cert))),
                F(0xA1, "authenticateResponseError", Seq(F(0x80, "transactionId", Hex), F(0x02, "authenticateErrorCode",
                    Named("1 invalidCertificate, 2 invalidSignature, 3 unsupportedCurve, 4 noSessionContext, 5 invalidOid, "
                        + "6 euiccChallengeMismatch, 7 ciPKUnknown, 127 undefinedError"))))));
        Add(0xBF21,
            Seq(F(0x30, "smdpSigned2", Seq(F(0x80, "transactionId", Hex), F(0x01, "ccRequiredFlag", Bool), F(0x5F49, "bppEuiccOtpk", Hex))),
                F(0x5F37, "smdpSignature2", Hex), F(0x04, "hashCc", Hex), F(0x30, "smdpCertificate", Cert)),
            Choice(
                F(0xA0, "downloadResponseOk",
                    Seq(F(0x30, "euiccSigned2", Seq(F(0x80, "transactionId", Hex), F(0x5F49, "euiccOtpk", Hex), F(0x04, "hashCc", Hex))),
                    F(0x5F37, "euiccSignature2", Hex))),
                F(0xA1, "downloadResponseError", Seq(F(0x80, "transactionId", Hex), F(0x02, "downloadErrorCode",
                    Named("1 invalidCertificate, 2 invalidSignature, 3 unsupportedCurve, 4 noSessionContext, 5 invalidTransactionId, "
                        + "127 undefinedError"))))));
        Add(0xBF41, Seq(F(0x80, "transactionId", Hex), F(0x81, "reason", Int)), Choice(
            F(0xA0, "cancelSessionResponseOk", Seq(
                F(0x30, "euiccCancelSessionSigned", Seq(F(0x80, "transactionId", Hex), F(0x06, "smdpOid", Oid), F(0x81, "reason", Int))),
                F(0x5F37, "euiccCancelSessionSignature", Hex))),
            F(0x81, "cancelSessionResponseError", Named("5 invalidTransactionId, 127 undefinedError"))));
        BoundProfilePackage = Seq(
            F(0xBF23, "initialiseSecureChannelRequest",
                Seq(F(0x82, "remoteOpId", Named("1 installBoundProfilePackage")), F(0x80, "transactionId", Hex),
                F(0xA6, "controlRefTemplate", Seq(F(0x80, "keyType", Hex), F(0x81, "keyLen", Hex), F(0x84, "hostId", Hex))),
                F(0x5F49, "smdpOtpk", Hex), F(0x5F37, "smdpSign", Hex))),
            F(0xA0, "firstSequenceOf87", SeqOf(F(0x87, "configureISDP (protected)", Hex))),
            F(0xA1, "sequenceOf88", SeqOf(F(0x88, "storeMetadata (protected)", Hex))),
            F(0xA2, "secondSequenceOf87", SeqOf(F(0x87, "replaceSessionKeys (protected)", Hex))),
            F(0xA3, "sequenceOf86", SeqOf(F(0x86, "profile element segment (protected)", Hex))));
        Add(0xBF36, BoundProfilePackage, installResult);

        // SGP.32 (§2.11, §5.9).
        var eimConfigurationData = Seq(
            F(0x80, "eimId", Utf8), F(0x81, "eimFqdn", Utf8),
            F(0x82, "eimIdType", Named("1 eimIdTypeOid, 2 eimIdTypeFqdn, 3 eimIdTypeProprietary")),
            F(0x83, "counterValue", Int), F(0x84, "associationToken", Int),
            F(0xA5, "eimPublicKeyData", Choice(F(0xA0, "eimPublicKey", Hex), F(0xA1, "eimCertificate", Hex))),
            F(0xA6, "trustedPublicKeyDataTls", Choice(F(0xA0, "trustedEimPkTls", Hex), F(0xA1, "trustedCertificateTls", Hex))),
            F(0x87, "eimSupportedProtocol", Bits("0 eimRetrieveHttps, 1 eimRetrieveCoaps, 2 eimInjectHttps, 3 eimInjectCoaps, "
                + "4 eimProprietary")),
            F(0x88, "euiccCiPKId", Hex), F(0x89, "indirectProfileDownload", Null));
        var autoEnable = Seq(F(0x80, v10 ? "autoEnableFlag" : "immediateEnableFlag", Null),
            F(0x81, v10 ? "smdpOid" : "defaultSmdpOid", Oid),
            F(0x82, v10 ? "smdpAddress" : "defaultSmdpAddress", Utf8));
        List<AsnField> psmos =
        [
            F(0xA3, "enable", Seq(F(0x5A, "iccid", Iccid), F(0x05, "rollbackFlag", Null))),
            F(0xA4, "disable", Seq(F(0x5A, "iccid", Iccid))),
            F(0xA5, "delete", Seq(F(0x5A, "iccid", Iccid))),
            F(0xBF2D, "listProfileInfo", profileInfoListRequest),
            F(0xA6, "getRAT", Seq()),
            F(0xA7, v10 ? "configureAutoEnable" : "configureImmediateEnable", autoEnable),
        ];
        if (!v10)
        {
            psmos.Add(F(0xA8, "setFallbackAttribute", Seq(F(0x5A, "iccid", Iccid))));
            psmos.Add(F(0xA9, "unsetFallbackAttribute", Seq()));
            psmos.Add(F(0xBF65, "setDefaultDpAddress", Seq(F(0x80, "defaultDpAddress", Utf8))));
        }
        var ecos = Choice(
            F(0xA8, "addEim", eimConfigurationData), F(0xA9, "deleteEim", Seq(F(0x80, "eimId", Utf8))),
            F(0xAA, "updateEim", eimConfigurationData), F(0xAB, "listEim", Seq()));
        var txName = v10 ? "transactionId" : "eimTransactionId";
        var packageRequest = Seq(
            F(0x30, "euiccPackageSigned",
                Seq(F(0x80, "eimId", Utf8), F(0x5A, "eidValue", Eid), F(0x81, "counterValue", Int), F(0x82, txName, Hex),
                F(0xA0, "psmoList", SeqOf(F(-1, "psmo", Choice([.. psmos])))), F(0xA1, "ecoList", SeqOf(F(-1, "eco", ecos))))),
            F(0x5F37, "eimSignature", Hex));
        var profileCodes = v10
            ? "0 ok, 1 iccidOrAidNotFound, 2 profileNotInDisabledState, 127 undefinedError"
            : "0 ok, 1 iccidOrAidNotFound, 2 profileNotInDisabledState, 3 disallowedByPolicy, 5 catBusy, 20 rollbackNotAvailable, "
                + "127 undefinedError";
        List<AsnField> results =
        [
            F(0x83, "enableResult", Named(profileCodes)),
            F(0x84, "disableResult", Named(v10
                ? "0 ok, 1 iccidOrAidNotFound, 2 profileNotInEnabledState, 127 undefinedError"
                : "0 ok, 1 iccidOrAidNotFound, 2 profileNotInEnabledState, 3 disallowedByPolicy, 5 catBusy, 127 undefinedError")),
            F(0x85, "deleteResult", Named(v10
                ? "0 ok, 1 iccidOrAidNotFound, 2 profileNotInDisabledState, 127 undefinedError"
                : "0 ok, 1 iccidOrAidNotFound, 2 profileNotInDisabledState, 3 disallowedByPolicy, 20 rollbackNotAvailable, "
                    + "21 returnFallbackProfile, 127 undefinedError")),
            F(0xBF2D, "listProfileInfoResult", profileInfoListResponse),
            F(0xA6, "getRATResult", rat),
            F(0x87, v10 ? "configureAutoEnableResult" : "configureImmediateEnableResult",
                Named("0 ok, 1 insufficientMemory, 7 commandError, 127 undefinedError")),
            F(0xA8, "addEimResult", Choice(F(0x84, "associationToken", Int), F(0x02, "addEimResultCode",
                Named(v10
                    ? "0 ok, 1 insufficientMemory, 3 ciPKUnknown, 5 invalidAssociationToken, 6 counterValueOutOfRange, 7 commandError, "
                        + "127 undefinedError"
                    : "0 ok, 1 insufficientMemory, 2 associatedEimAlreadyExists, 3 ciPKUnknown, 5 invalidAssociationToken, "
                        + "6 counterValueOutOfRange, 7 commandError, 127 undefinedError")))),
            F(0x89, "deleteEimResult", Named("0 ok, 1 eimNotFound, 2 lastEimDeleted, 7 commandError, 127 undefinedError")),
            F(0x8A, "updateEimResult", Named("0 ok, 1 eimNotFound, 3 ciPKUnknown, 6 counterValueOutOfRange, 7 commandError, "
                + "127 undefinedError")),
            F(0xAB, "listEimResult", Choice(
                F(0xA0, "eimIdList", SeqOf(F(0x30, "eimIdInfo", Seq(F(0x80, "eimId", Utf8),
                    F(v10 ? 0x84 : 0x82, "eimIdType", Named("1 eimIdTypeOid, 2 eimIdTypeFqdn, 3 eimIdTypeProprietary")))))),
                F(0x81, "listEimError", Named(v10 ? "7 commandError, 127 undefinedError" : "127 undefinedError")))),
            F(0x8C, "rollbackResult", Named("0 ok, 127 undefinedError")),
        ];
        if (!v10)
        {
            results.Add(F(0x8D, "setFallbackAttributeResult", Named("0 ok, 1 iccidOrAidNotFound, 2 fallbackNotAllowed, "
                + "3 fallbackProfileEnabled, 127 undefinedError")));
            results.Add(F(0x8E, "unsetFallbackAttributeResult", Named("0 ok, 2 noFallbackAttribute, 3 fallbackProfileEnabled, "
                + "7 commandError, 127 undefinedError")));
            results.Add(F(0xBF65, "setDefaultDpAddressResult", Seq(Result("setDefaultDpAddressResult", "0 ok, 127 undefinedError"))));
        }
        results.Add(F(0x02, "processingTerminated", Named("1 resultSizeOverflow, 2 unknownOrDamagedCommand, 3 interruption, "
            + "127 undefinedError")));
        EuiccPackageResult = Choice(
            F(0xA0, "euiccPackageResultSigned", Seq(
                F(0x30, "euiccPackageResultDataSigned",
                    Seq(F(0x80, "eimId", Utf8), F(0x81, "counterValue", Int), F(0x82, txName, Hex), F(0x83, "seqNumber", Int),
                    F(0x30, "euiccResult", SeqOf(F(-1, "euiccResultData", Choice([.. results])))))),
                F(0x5F37, "euiccSignEPR", Hex))),
            F(0xA1, "euiccPackageErrorSigned", Seq(
                F(0x30, "euiccPackageErrorDataSigned", Seq(F(0x80, "eimId", Utf8), F(0x81, "counterValue", Int), F(0x82, txName, Hex),
                    F(0x02, "euiccPackageErrorCode", Named(v10
                        ? "3 invalidEid, 4 replayError, 6 counterValueOutOfRange, 15 sizeOverflow, 127 undefinedError"
                        : "3 invalidEid, 4 replayError, 6 counterValueOutOfRange, 15 sizeOverflow, 104 ecallActive, 127 undefinedError")))),
                F(0x5F37, "euiccSignEPE", Hex))),
            F(0xA2, "euiccPackageErrorUnsigned", v10
                ? Seq(F(0x80, "eimId", Utf8), F(0x84, "associationToken", Int))
                : Seq(F(0x80, "eimId", Utf8), F(0x82, "eimTransactionId", Hex), F(0x84, "associationToken", Int))));
        Add(0xBF51, packageRequest, EuiccPackageResult);

        List<AsnField> notificationsResponse =
        [
            F(0xA0, "notificationList", SeqOf(pendingNotification)),
            F(0x81, "notificationsListResultError", Named("127 undefinedError")),
            F(0xA2, "euiccPackageResultList", SeqOf(F(0xBF51, "euiccPackageResult", EuiccPackageResult))),
        ];
        if (v10)
        {
            notificationsResponse.Add(F(0xA3, "notificationAndEprList", Seq(F(0xA0, "notificationList", SeqOf(pendingNotification)),
                F(0xA1, "euiccPackageResultList", SeqOf(F(0xBF51, "euiccPackageResult", EuiccPackageResult))))));
        }

        Add(0xBF2B,
            Seq(F(0xA0, "searchCriteria",
                Choice(F(0x80, "seqNumber", Int), F(0x81, "profileManagementOperation", Bits(EventBits)),
                    F(0x82, "euiccPackageResults", Null)))),
            Choice([.. notificationsResponse]));
        Add(0xBF57, Seq(F(0xA0, "eimConfigurationDataList", SeqOf(F(0x30, "eimConfigurationData", eimConfigurationData)))), Choice(
            F(0xA0, "addInitialEimOk", SeqOf(F(-1, "addResult", Choice(F(0x84, "associationToken", Int), F(0x05, "addOk", Null))))),
            F(0x81, "addInitialEimError", Named(v10
                ? "1 insufficientMemory, 2 unsignedEimConfigDisallowed, 3 ciPKUnknown, 5 invalidAssociationToken, "
                    + "6 counterValueOutOfRange, 127 undefinedError"
                : "1 insufficientMemory, 2 associatedEimAlreadyExists, 3 ciPKUnknown, 5 invalidAssociationToken, "
                    + "6 counterValueOutOfRange, 7 commandError, 127 undefinedError"))));
        Add(0xBF55, v10 ? Seq() : Seq(F(0xA0, "searchCriteria", Choice(F(0x80, "eimId", Utf8)))),
            Seq(F(0xA0, "eimConfigurationDataList", SeqOf(F(0x30, "eimConfigurationData", eimConfigurationData)))));
        Add(0xBF56, Seq(F(0x80, "euiccCiPKId", Hex)), Choice(
            F(0xA0, "certs", Seq(F(0xA5, "eumCertificate", Cert), F(0xA6, "euiccCertificate", Cert))),
            F(0x81, "getCertsError", Named("1 invalidCiPKId, 127 undefinedError"))));
        Add(0xBF58, Seq(F(0x80, "refreshFlag", Bool)), Seq(
            F(0x02, "cmdResult", Named("0 ok, 1 rollbackNotAllowed, 5 catBusy, 7 commandError, 127 undefinedError")),
            F(0xBF51, "eUICCPackageResult", EuiccPackageResult)));
        Add(0xBF59, autoEnable,
            Seq(Result(v10 ? "configAutoEnableResult" : "configImmediateEnableResult",
                v10
                    ? "0 ok, 1 insufficientMemory, 2 unsignedAutoEnableConfigDisallowed, 127 undefinedError"
                    : "0 ok, 1 insufficientMemory, 2 associatedEimAlreadyExists, 127 undefinedError")));
        if (v10)
        {
            Add(0xBF5A, Seq(),
                Seq(Result("enableUsingDDResult", "0 ok, 1 autoEnableNotAvailable, 4 noSessionContext, 127 undefinedError")));
            // v1.0 §5.9.5: the IoT reset under BF34 (resetResult untagged, as two components carry explicit tags).
            Add(0xBF34, Seq(F(0x82, "resetOptions", Bits("0 deleteOperationalProfiles, 1 deleteFieldLoadedTestProfiles, "
                + "2 resetDefaultSmdpAddress, 3 resetEimConfigData, 4 resetAutoEnableConfig"))),
                Seq(F(0x02, "resetResult", Named("0 ok, 1 nothingToDelete, 5 catBusy, 127 undefinedError")),
                    F(0x81, "resetEimResult", Named("0 ok, 1 nothingToDelete, 2 eimResetNotSupported, 127 undefinedError")),
                    F(0x82, "resetAutoEnableConfigResult", Named("0 ok, 1 resetAECNotSupported, 127 undefinedError"))));
            return;
        }
        Add(0xBF34, Seq(F(0x82, "resetOptions", Bits("0 deleteOperationalProfiles, 1 deleteFieldLoadedTestProfiles, "
            + "2 resetDefaultSmdpAddress"))),
            Seq(Result("resetResult", "0 ok, 1 nothingToDelete, 5 catBusy, 127 undefinedError")));
        var refresh = Seq(F(0x80, "refreshFlag", Bool));
        Add(0xBF5A, refresh, Seq(Result("immediateEnableResult", "0 ok, 1 immediateEnableNotAvailable, 4 noSessionContext, 5 catBusy, "
            + "127 undefinedError")));
        Add(0xBF5B, refresh, Seq(Result("enableEmergencyProfileResult", "0 ok, 2 profileNotInDisabledState, 5 catBusy, "
            + "8 ecallNotAvailable, 127 undefinedError")));
        Add(0xBF5C, refresh, Seq(Result("disableEmergencyProfileResult", "0 ok, 2 profileNotInEnabledState, 5 catBusy, "
            + "8 ecallNotAvailable, 127 undefinedError")));
        Add(0xBF5D, refresh, Seq(Result("executeFallbackMechanismResult", "0 ok, 2 profileNotInDisabledState, 5 catBusy, "
            + "6 fallbackNotAvailable, 7 commandError, 104 ecallActive, 127 undefinedError")));
        Add(0xBF5E, refresh, Seq(Result("returnFromFallbackResult", "0 ok, 5 catBusy, 6 fallbackNotAvailable, 7 commandError, "
            + "127 undefinedError")));
        Add(0xBF5F, Seq(), Choice(F(0xA0, "connectivityParameters", Seq(F(0x81, "httpParams", Hex))),
            F(0x81, "connectivityParametersError", Named("1 parametersNotAvailable, 127 undefinedError"))));
        Add(0xBF64,
            Seq(F(0x82, "resetOptions", Bits("0 deleteOperationalProfiles, 1 deleteFieldLoadedTestProfiles, 2 resetDefaultSmdpAddress, "
                + "3 deletePreLoadedTestProfiles, 4 deleteProvisioningProfiles, 5 resetEimConfigData, 6 resetImmediateEnableConfig"))),
            Seq(Result("resetResult", "0 ok, 1 nothingToDelete, 5 catBusy, 104 ecallActive, 127 undefinedError"),
                F(0x81, "resetEimResult", Named("0 ok, 1 nothingToDelete, 2 eimResetNotSupported, 127 undefinedError")),
                F(0x82, "resetImmediateEnableConfigResult", Named("0 ok, 1 resetIECNotSupported, 127 undefinedError"))));
        Add(0xBF65, Seq(F(0x80, "defaultDpAddress", Utf8)), Seq(Result("setDefaultDpAddressResult", "0 ok, 127 undefinedError")));
    }
}
