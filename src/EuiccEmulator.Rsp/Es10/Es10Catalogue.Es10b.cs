namespace EuiccEmulator.Rsp.Es10;

// ES10b: SGP.22 v2.5 §5.7 (the SGP.32 ES10b functions are in Es10Catalogue.Iot.cs).
internal static partial class Es10Catalogue
{
    private const string Sgp26CiNist = "F54172BDF98A95D65CBEB88A38A1C11D800A85C3";
    private const string Sgp26CiBrainpool = "C0BC70BA36929D43B467FF57570530E57AB8FCD8";
    private const string Zeros16 = "00000000000000000000000000000000";

    // serverSigned1 { 80 transactionId 01, 81 euiccChallenge, 83 serverAddress "a", 84 serverChallenge }, 5F37 (empty),
    // 04 euiccCiPKIdToBeUsed 00 (no such CI), 30 serverCertificate (empty), A0 ctxParams1 (empty).
    private const string AuthenticateServerUnknownCi =
        "BF3836302A800101" + "8110" + Zeros16 + "830161" + "8410" + Zeros16 + "5F3700" + "040100" + "3000" + "A000";

    // smdpSigned2 { 80 transactionId 01, 01 ccRequiredFlag FALSE }, 5F37 (empty), 30 CERT.DPpb (empty).
    private const string PrepareDownloadNoSession = "BF210D30068001010101005F37003000";

    /// <summary>GetEUICCInfo1: BF20 {} -> BF20 { 82 svn, A9 { 04 SKI... }, AA { 04 SKI... } }.</summary>
    public static Es10Function GetEuiccInfo1 { get; } = new(0xBF20, "GetEUICCInfo1", Es10Interface.Es10b,
        "SGP.22 v2.5 §5.7.8; SGP.32 v1.2 §5.9.2", Sgp32Releases.Both,
    [
        Valid("BF2000", "BF204B8203020500" + "A92C0414" + Sgp26CiNist + "0414" + Sgp26CiBrainpool + "AA160414" + Sgp26CiNist,
            "SGP.26 CIs: both for verification, NIST for signing"),
        Malformed("BF2001", "truncated"),
        Malformed("BF200000", "trailing bytes"),
        Malformed("BF20028001", "inner TLV truncated"),
    ]);

    /// <summary>GetEUICCInfo2: BF22 {} -> BF22 EUICCInfo2 (SGP.32: with ipaMode and iotSpecificInfo).</summary>
    public static Es10Function GetEuiccInfo2 { get; } = new(0xBF22, "GetEUICCInfo2", Es10Interface.Es10b,
        "SGP.22 v2.5 §5.7.8; SGP.32 v1.2 §5.9.2", Sgp32Releases.Both,
    [
        Accepted("BF2200", "free memory varies with the store; fields checked in GetEuiccInfo2 tests"),
        Malformed("BF2201", "truncated"),
        Malformed("BF220000", "trailing bytes"),
        Malformed("BF22028001", "inner TLV truncated"),
    ]);

    /// <summary>GetEUICCChallenge: BF2E {} -> BF2E { 80 16-byte challenge }.</summary>
    public static Es10Function GetEuiccChallenge { get; } = new(0xBF2E, "GetEUICCChallenge", Es10Interface.Es10b,
        "SGP.22 v2.5 §5.7.7", Sgp32Releases.Both,
    [
        Accepted("BF2E00", "a fresh random challenge"),
        Malformed("BF2E01", "truncated"),
        Malformed("BF2E0000", "trailing bytes"),
        Malformed("BF2E028001", "inner TLV truncated"),
    ]);

    /// <summary>ListNotification: BF28 { 81 profileManagementOperation? } -> BF28 { A0 { BF2F... } | 81 error }.</summary>
    public static Es10Function ListNotification { get; } = new(0xBF28, "ListNotification", Es10Interface.Es10b,
        "SGP.22 v2.5 §5.7.9", Sgp32Releases.Both,
    [
        Valid("BF2800", "BF2802A000", "no notification"),
        Valid("BF280481020780", "BF2802A000", "filtered by event: none"),
        Malformed("BF2801", "truncated"),
        Malformed("BF280000", "trailing bytes"),
        Malformed("BF28028101", "inner TLV truncated"),
    ]);

    /// <summary>RetrieveNotificationsList: BF2B { A0 { 80 seqNumber | 81 event | 82 euiccPackageResults }? }.</summary>
    public static Es10Function RetrieveNotificationsList { get; } = new(0xBF2B, "RetrieveNotificationsList", Es10Interface.Es10b,
        "SGP.22 v2.5 §5.7.10; SGP.32 v1.2 §5.9.11 (same wire form in v1.0)", Sgp32Releases.Both,
    [
        Valid("BF2B00", "BF2B02A000", "no notification"),
        Valid("BF2B05A003800101", "BF2B02A000", "by seqNumber 1: none"),
        Valid("BF2B04A0028200", "BF2B02A200", "eUICC Package Results: none"),
        Valid("BF2B04A0028300", "BF2B0381017F", "unknown criterion: undefinedError"),
        Malformed("BF2B01", "truncated"),
        Malformed("BF2B0000", "trailing bytes"),
        Malformed("BF2B04A0028001", "criterion truncated"),
    ]);

    /// <summary>RemoveNotificationFromList: BF30 { 80 seqNumber } -> BF30 { 80 deleteNotificationStatus }.</summary>
    public static Es10Function RemoveNotificationFromList { get; } = new(0xBF30, "RemoveNotificationFromList", Es10Interface.Es10b,
        "SGP.22 v2.5 §5.7.11", Sgp32Releases.Both,
    [
        Valid("BF3003800101", "BF3003800101", "no such notification: nothingToDelete"),
        Malformed("BF300100", "seqNumber missing"),
        Malformed("BF3003810101", "wrong inner tag 81"),
        Malformed("BF30038001", "truncated"),
        Malformed("BF300380010100", "trailing bytes"),
    ]);

    /// <summary>AuthenticateServer: BF38 { 30 serverSigned1, 5F37, 04 euiccCiPKIdToBeUsed, 30 certificate, A0 ctxParams1 }
    /// -> BF38 { A0 { 30 euiccSigned1, 5F37, 30 CERT.EUICC, 30 CERT.EUM } | A1 { 80 txId, 02 code } }.</summary>
    public static Es10Function AuthenticateServer { get; } = new(0xBF38, "AuthenticateServer", Es10Interface.Es10b,
        "SGP.22 v2.5 §5.7.13", Sgp32Releases.Both,
    [
        Valid(AuthenticateServerUnknownCi, "BF3808A106800101020107", "unknown CI: ciPKUnknown (full runs in the download tests)"),
        Malformed("BF3800", "every component missing"),
        Malformed(AuthenticateServerUnknownCi[..^4] + "A100", "ctxParams1 with a wrong tag (A1)"),
        Malformed(AuthenticateServerUnknownCi[..^2], "truncated"),
        Malformed(AuthenticateServerUnknownCi + "00", "trailing bytes"),
    ]);

    /// <summary>PrepareDownload: BF21 { 30 smdpSigned2, 5F37, 04 hashCc?, 30 CERT.DPpb }
    /// -> BF21 { A0 { 30 euiccSigned2, 5F37 } | A1 { 80 txId, 02 code } }.</summary>
    public static Es10Function PrepareDownload { get; } = new(0xBF21, "PrepareDownload", Es10Interface.Es10b,
        "SGP.22 v2.5 §5.7.14", Sgp32Releases.Both,
    [
        Valid(PrepareDownloadNoSession, "BF2108A106800101020104", "no authenticated session: noSessionContext"),
        Malformed("BF2100", "every component missing"),
        Malformed("BF210D3006810101010100" + "5F37003000", "transactionId with a wrong tag"),
        Malformed(PrepareDownloadNoSession[..^2], "truncated"),
        Malformed(PrepareDownloadNoSession + "00", "trailing bytes"),
    ]);

    /// <summary>
    /// LoadBoundProfilePackage: BF36 sent in segments (SGP.22 §2.5.5): the BF36 header with the whole BF23
    /// InitialiseSecureChannelRequest, A0 with each 87, A1 header with each 88, optional A2 with 87, A3 header with
    /// each 86; answered 9000 with no data until the last segment or a failure, then BF37 ProfileInstallationResult.
    /// </summary>
    public static Es10Function LoadBoundProfilePackage { get; } = new(0xBF36, "LoadBoundProfilePackage", Es10Interface.Es10b,
        "SGP.22 v2.5 §5.7.6; §2.5.5", Sgp32Releases.Both,
    [
        Refused("BF3605BF2302800100", "6A88", "no prepared download: referenced data not found (full runs in the download tests)"),
        Refused("A0038701FF", "6A88", "configureISDP segment with no BPP started"),
        Refused("86020000", "6A88", "profile element segment with no BPP started"),
        Refused("BF36", "6A88", "header only, no session"),
    ])
    {
        Segments =
        [
            new(0xBF36, "initialiseSecureChannel"),
            new(0xA0, "configureISDP"),
            new(0x87, "configureISDP segment"),
            new(0xA1, "storeMetadata"),
            new(0x88, "storeMetadata segment"),
            new(0xA2, "replaceSessionKeys"),
            new(0xA3, "loadProfileElements"),
            new(0x86, "profile element segment"),
        ],
    };

    /// <summary>CancelSession: BF41 { 80 transactionId, 81 reason } -> BF41 { A0 { 30 signed, 5F37 } | 81 error }.</summary>
    public static Es10Function CancelSession { get; } = new(0xBF41, "CancelSession", Es10Interface.Es10b,
        "SGP.22 v2.5 §5.7.25", Sgp32Releases.Both,
    [
        Valid("BF4106800101810100", "BF4103810105", "no session: invalidTransactionId"),
        Malformed("BF4103800101", "reason missing"),
        Malformed("BF4106820101810100", "transactionId with a wrong tag"),
        Malformed("BF410680010181", "truncated"),
        Malformed("BF410680010181010000", "trailing bytes"),
    ]);

    /// <summary>GetRAT: BF43 {} -> BF43 { A0 { 30 { 80 pprIds, A1 allowedOperators, 82 pprFlags }... } }.</summary>
    public static Es10Function GetRat { get; } = new(0xBF43, "GetRAT", Es10Interface.Es10b,
        "SGP.22 v2.5 §5.7.5", Sgp32Releases.Both,
    [
        Accepted("BF4300", "the card's rules authorisation table"),
        Malformed("BF4301", "truncated"),
        Malformed("BF430000", "trailing bytes"),
        Malformed("BF43028001", "inner TLV truncated"),
    ]);
}
