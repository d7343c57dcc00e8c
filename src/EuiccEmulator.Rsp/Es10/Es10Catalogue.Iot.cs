namespace EuiccEmulator.Rsp.Es10;

// The SGP.32 functions for the IoT eUICC (ES10b): SGP.32 v1.2 §5.9, v1.0 where it differs.
internal static partial class Es10Catalogue
{
    // EuiccPackageSigned { 80 eimId "x", 5A eid, 81 counterValue 1, A0 psmoList {} }, 5F37 (empty).
    private const string PackageFromUnknownEim = "BF511F301A800178" + "5A10" + TestEid + "810101A000" + "5F3700";

    /// <summary>LoadEuiccPackage: BF51 { 30 EuiccPackageSigned, 5F37 eimSignature } -> BF51 EuiccPackageResult.</summary>
    public static Es10Function LoadEuiccPackage { get; } = new(0xBF51, "LoadEuiccPackage", Es10Interface.Es10b,
        "SGP.32 v1.2 §5.9.1", Sgp32Releases.Both,
    [
        Valid(PackageFromUnknownEim, "BF5105A203800178", "unknown eIM: unsigned error (signed runs in the eUICC Package tests)"),
        Malformed("BF51023000", "no signature"),
        Malformed("BF51093003800100" + "5F370100", "EuiccPackageSigned without eid and counter"),
        Malformed(PackageFromUnknownEim[..^2], "truncated"),
        Malformed(PackageFromUnknownEim + "00", "trailing bytes"),
    ]);

    /// <summary>AddInitialEim: BF57 { A0 { 30 EimConfigurationData... } } -> BF57 { A0 results | 81 error }.</summary>
    public static Es10Function AddInitialEim { get; } = new(0xBF57, "AddInitialEim", Es10Interface.Es10b,
        "SGP.32 v1.2 §5.9.4", Sgp32Releases.Both,
    [
        Valid("BF5702A000", "BF5703810107", "an empty list: commandError (associations run in the eIM tests)"),
        Malformed("BF5700", "list missing"),
        Malformed("BF5704A0023001", "truncated entry"),
        Malformed("BF5702A100", "list with a wrong tag"),
        Malformed("BF5702A00000", "trailing bytes"),
    ]);

    /// <summary>eUICCMemoryReset (IoT): BF64 { 82 resetOptions } -> BF64 { 80 resetResult, 81 resetEimResult?,
    /// 82 resetImmediateEnableConfigResult? }.</summary>
    public static Es10Function EuiccMemoryResetIot { get; } = new(0xBF64, "eUICCMemoryReset", Es10Interface.Es10b,
        "SGP.32 v1.2 §5.9.5", Sgp32Releases.V1_2,
    [
        Valid("BF640482020780", "BF6403800101", "operational profiles: nothing to delete"),
        Valid("BF640482020106", "BF6409800101810101820100", "eIM config and immediate-enable config reset"),
        Malformed("BF6400", "resetOptions missing"),
        Malformed("BF640483020780", "wrong inner tag 83"),
        Malformed("BF6404820207", "truncated"),
        Malformed("BF64048202078000", "trailing bytes"),
    ]);

    /// <summary>eUICCMemoryReset of a v1.0 IoT card: BF34 { 82 resetOptions } -> BF34 { 02 resetResult,
    /// 81 resetEimResult?, 82 resetAutoEnableConfigResult? }.</summary>
    public static Es10Function EuiccMemoryResetV1_0 { get; } = new(0xBF34, "eUICCMemoryReset", Es10Interface.Es10c,
        "SGP.32 v1.0 §5.9.5", Sgp32Releases.V1_0,
    [
        Valid("BF340482020780", "BF3403020101", "operational profiles: nothing to delete"),
        Valid("BF340482020308", "BF3406020101820100", "resetAutoEnableConfig (bit 4)"),
        Malformed("BF3400", "resetOptions missing"),
        Malformed("BF3404820207", "truncated"),
        Malformed("BF34048202078000", "trailing bytes"),
    ]);

    /// <summary>GetCerts: BF56 { 80 euiccCiPKId? } -> BF56 { A0 { A5 CERT.EUM, A6 CERT.EUICC } | 81 error }.</summary>
    public static Es10Function GetCerts { get; } = new(0xBF56, "GetCerts", Es10Interface.Es10b,
        "SGP.32 v1.2 §5.9.10", Sgp32Releases.Both,
    [
        Valid("BF5603800101", "BF5603810101", "unknown CI: invalidCiPKId"),
        Accepted("BF5600", "the certificates under the default CI"),
        Malformed("BF56038001", "truncated"),
        Malformed("BF560380010100", "trailing bytes"),
    ]);

    /// <summary>ImmediateEnable: BF5A { 80 refreshFlag } -> BF5A { 80 immediateEnableResult }.</summary>
    public static Es10Function ImmediateEnable { get; } = new(0xBF5A, "ImmediateEnable", Es10Interface.Es10b,
        "SGP.32 v1.2 §5.9.15", Sgp32Releases.V1_2,
    [
        Valid("BF5A03800100", "BF5A03800104", "nothing installed: noSessionContext"),
        Malformed("BF5A03810100", "refreshFlag with a wrong tag"),
        Malformed("BF5A038001", "truncated"),
        Malformed("BF5A0380010000", "trailing bytes"),
    ]);

    /// <summary>EnableUsingDD (v1.0's ImmediateEnable): BF5A {} -> BF5A { 80 enableUsingDDResult }.</summary>
    public static Es10Function EnableUsingDd { get; } = new(0xBF5A, "EnableUsingDD", Es10Interface.Es10b,
        "SGP.32 v1.0 §5.9.15", Sgp32Releases.V1_0,
    [
        Valid("BF5A00", "BF5A03800104", "nothing installed: noSessionContext"),
        Malformed("BF5A01", "truncated"),
        Malformed("BF5A0000", "trailing bytes"),
    ]);

    /// <summary>ProfileRollback: BF58 { 80 refreshFlag } -> BF58 { 02 cmdResult, BF51 EuiccPackageResult? }.</summary>
    public static Es10Function ProfileRollback { get; } = new(0xBF58, "ProfileRollback", Es10Interface.Es10b,
        "SGP.32 v1.2 §5.9.16", Sgp32Releases.Both,
    [
        Valid("BF5803800100", "BF5803020101", "no rollback pending: rollbackNotAllowed"),
        Malformed("BF5800", "refreshFlag missing"),
        Malformed("BF5803810100", "refreshFlag with a wrong tag"),
        Malformed("BF58038001", "truncated"),
        Malformed("BF580380010000", "trailing bytes"),
    ]);

    /// <summary>ConfigureImmediateProfileEnabling (v1.0 ConfigureAutoProfileEnabling):
    /// BF59 { 80 flag?, 81 defaultSmdpOid?, 82 defaultSmdpAddress? } -> BF59 { 80 result }.</summary>
    public static Es10Function ConfigureImmediateProfileEnabling { get; } = new(0xBF59, "ConfigureImmediateProfileEnabling",
        Es10Interface.Es10b, "SGP.32 v1.2 §5.9.17", Sgp32Releases.Both,
    [
        Valid("BF59028000", "BF5903800100", "flag set: ok"),
        Malformed("BF590280", "truncated"),
        Malformed("BF5902800000", "trailing bytes"),
    ])
    {
        NameV1_0 = "ConfigureAutoProfileEnabling",
    };

    /// <summary>GetEimConfigurationData: BF55 { A0 { 80 eimId }? } -> BF55 { A0 { 30 EimConfigurationData... } }.</summary>
    public static Es10Function GetEimConfigurationData { get; } = new(0xBF55, "GetEimConfigurationData", Es10Interface.Es10b,
        "SGP.32 v1.2 §5.9.18 (v1.0: no search criterion)", Sgp32Releases.Both,
    [
        Valid("BF5500", "BF5502A000", "no eIM"),
        Valid("BF5505A003800178", "BF5502A000", "eimId \"x\": none"),
        Malformed("BF5503A00100", "criterion that is not an eimId"),
        Malformed("BF5505A0038001", "truncated"),
        Malformed("BF550000", "trailing bytes"),
    ]);

    /// <summary>ExecuteFallbackMechanism: BF5D { 80 refreshFlag } -> BF5D { 80 executeFallbackMechanismResult }.</summary>
    public static Es10Function ExecuteFallbackMechanism { get; } = new(0xBF5D, "ExecuteFallbackMechanism", Es10Interface.Es10b,
        "SGP.32 v1.2 §5.9.20", Sgp32Releases.V1_2,
    [
        Valid("BF5D03800100", "BF5D03800106", "no fallback profile: fallbackNotAvailable"),
        Malformed("BF5D0381010F", "refreshFlag with the wrong tag"),
        Malformed("BF5D038001", "truncated"),
        Malformed("BF5D0380010000", "trailing bytes"),
    ]);

    /// <summary>ReturnFromFallback: BF5E { 80 refreshFlag } -> BF5E { 80 returnFromFallbackResult }.</summary>
    public static Es10Function ReturnFromFallback { get; } = new(0xBF5E, "ReturnFromFallback", Es10Interface.Es10b,
        "SGP.32 v1.2 §5.9.21", Sgp32Releases.V1_2,
    [
        Valid("BF5E038001FF", "BF5E03800106", "no fallback in use: fallbackNotAvailable"),
        Malformed("BF5E03810100", "refreshFlag with a wrong tag"),
        Malformed("BF5E038001", "truncated"),
        Malformed("BF5E0380010000", "trailing bytes"),
    ]);

    /// <summary>EnableEmergencyProfile: BF5B { 80 refreshFlag } -> BF5B { 80 enableEmergencyProfileResult }.</summary>
    public static Es10Function EnableEmergencyProfile { get; } = new(0xBF5B, "EnableEmergencyProfile", Es10Interface.Es10b,
        "SGP.32 v1.2 §5.9.22", Sgp32Releases.V1_2,
    [
        Valid("BF5B03800100", "BF5B03800108", "no emergency profile: ecallNotAvailable"),
        Malformed("BF5B03810100", "refreshFlag with a wrong tag"),
        Malformed("BF5B038001", "truncated"),
        Malformed("BF5B0380010000", "trailing bytes"),
    ]);

    /// <summary>DisableEmergencyProfile: BF5C { 80 refreshFlag } -> BF5C { 80 disableEmergencyProfileResult }.</summary>
    public static Es10Function DisableEmergencyProfile { get; } = new(0xBF5C, "DisableEmergencyProfile", Es10Interface.Es10b,
        "SGP.32 v1.2 §5.9.23", Sgp32Releases.V1_2,
    [
        Valid("BF5C03800100", "BF5C03800102", "none enabled: profileNotInEnabledState"),
        Malformed("BF5C03810100", "refreshFlag with a wrong tag"),
        Malformed("BF5C038001", "truncated"),
        Malformed("BF5C0380010000", "trailing bytes"),
    ]);

    /// <summary>GetConnectivityParameters: BF5F {} -> BF5F { A0 { 81 httpParams } | 81 error }.</summary>
    public static Es10Function GetConnectivityParameters { get; } = new(0xBF5F, "GetConnectivityParameters", Es10Interface.Es10b,
        "SGP.32 v1.2 §5.9.24", Sgp32Releases.V1_2,
    [
        Valid("BF5F00", "BF5F03810101", "no enabled profile: parametersNotAvailable"),
        Malformed("BF5F01", "truncated"),
        Malformed("BF5F0000", "trailing bytes"),
        Malformed("BF5F028001", "inner TLV truncated"),
    ]);

    /// <summary>SetDefaultDpAddress (IoT): BF65 { 80 address } -> BF65 { 80 setDefaultDpAddressResult }.</summary>
    public static Es10Function SetDefaultDpAddressIot { get; } = new(0xBF65, "SetDefaultDpAddress", Es10Interface.Es10b,
        "SGP.32 v1.2 §5.9.25", Sgp32Releases.V1_2,
    [
        Valid("BF650A8008736D64702E636F6D", "BF6503800100", "smdp.com: ok"),
        Malformed("BF6503810100", "address with the wrong tag"),
        Malformed("BF650A8008736D6470", "truncated"),
        Malformed("BF65028000" + "00", "trailing bytes"),
    ]);
}
