namespace EuiccEmulator.Rsp.Es10;

// ES10a: SGP.22 v2.5 §5.6.
internal static partial class Es10Catalogue
{
    private const string RootDs = "74657374726F6F74736D64732E6578616D706C652E636F6D"; // "testrootsmds.example.com"

    /// <summary>GetEuiccConfiguredAddresses: BF3C {} -> BF3C { 80 defaultDpAddress?, 81 rootDsAddress }.</summary>
    public static Es10Function GetEuiccConfiguredAddresses { get; } = new(0xBF3C, "GetEuiccConfiguredAddresses", Es10Interface.Es10a,
        "SGP.22 v2.5 §5.6.2", Sgp32Releases.Both,
    [
        Valid("BF3C00", "BF3C1A8118" + RootDs, "no default SM-DP+, root SM-DS only"),
        Valid("BF3C03800100", "BF3C1A8118" + RootDs, "an unknown component is skipped (ASN.1 extension)"),
        Malformed("BF3C01", "truncated"),
        Malformed("BF3C0000", "trailing bytes"),
        Malformed("BF3C028001", "inner TLV truncated"),
    ]);

    /// <summary>SetDefaultDpAddress: BF3F { 80 address } -> BF3F { 80 result }; an empty address removes it.</summary>
    public static Es10Function SetDefaultDpAddress { get; } = new(0xBF3F, "SetDefaultDpAddress", Es10Interface.Es10a,
        "SGP.22 v2.5 §5.6.3", Sgp32Releases.Both,
    [
        Valid("BF3F0A8008736D64702E636F6D", "BF3F03800100", "smdp.com: ok"),
        Valid("BF3F028000", "BF3F03800100", "empty address: ok"),
        Malformed("BF3F038001FF", "address is not UTF-8"),
        Malformed("BF3F0A8108736D64702E636F6D", "wrong inner tag 81"),
        Malformed("BF3F0A8008736D6470", "truncated"),
        Malformed("BF3F02800000", "trailing bytes"),
    ]);
}
