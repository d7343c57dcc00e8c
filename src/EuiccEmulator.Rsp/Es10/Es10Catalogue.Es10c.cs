namespace EuiccEmulator.Rsp.Es10;

// ES10c: SGP.22 v2.5 §5.7.15-21.
internal static partial class Es10Catalogue
{
    private const string Iccid1Ef = "98001032547698103214"; // 89000123456789012341 as EF.ICCID
    private const string UnknownIccidEf = "98001032547698103285";
    private const string Aid1 = "A0000005591010FFFFFFFF8900001000";
    private const string ProfileInfo1 = "BF2D3DA03BE3395A0A" + Iccid1Ef + "4F10" + Aid1 + "9F700100"
        + "9107546573742053509209546573742032333431950102";
    private const string TestEid = "89049032123451234512345678901235";

    /// <summary>GetProfilesInfo: BF2D { A0 searchCriteria?, 5C tagList? } -> BF2D { A0 { E3 ProfileInfo... } | 81 error }.</summary>
    public static Es10Function GetProfilesInfo { get; } = new(0xBF2D, "GetProfilesInfo", Es10Interface.Es10c,
        "SGP.22 v2.5 §5.7.15", Sgp32Releases.Both,
    [
        Valid("BF2D00", ProfileInfo1, "all profiles, default tags", Es10Fixture.OneProfile),
        Valid("BF2D035C015A", "BF2D10A00EE30C5A0A" + Iccid1Ef, "tagList ICCID", Es10Fixture.OneProfile),
        Valid("BF2D065C045A9F7095", "BF2D17A015E3135A0A" + Iccid1Ef + "9F700100950102", "tagList ICCID, state, class",
            Es10Fixture.OneProfile),
        Valid("BF2D0EA00C5A0A" + Iccid1Ef, ProfileInfo1, "by ICCID", Es10Fixture.OneProfile),
        Valid("BF2D14A0124F10" + Aid1, ProfileInfo1, "by ISD-P AID", Es10Fixture.OneProfile),
        Valid("BF2D0EA00C5A0A" + UnknownIccidEf, "BF2D02A000", "unknown ICCID: empty list", Es10Fixture.OneProfile),
        Valid("BF2D05A003950100", "BF2D02A000", "no test profiles", Es10Fixture.OneProfile),
        Valid("BF2D0AA003950102" + "5C035A9F70", "BF2D14A012E3105A0A" + Iccid1Ef + "9F700100", "operational, two tags",
            Es10Fixture.OneProfile),
        Valid("BF2D05A003950109", "BF2D03810101", "class out of range: incorrectInputValues", Es10Fixture.OneProfile),
        Valid("BF2D04A0028000", "BF2D03810101", "unknown criterion: incorrectInputValues", Es10Fixture.OneProfile),
        Valid("BF2D02A000", "BF2D03810101", "empty criterion: incorrectInputValues", Es10Fixture.OneProfile),
        Malformed("BF2D035C01", "truncated", Es10Fixture.OneProfile),
        Malformed("BF2D035C015A00", "trailing bytes", Es10Fixture.OneProfile),
        Malformed("BF2D04A0025A01", "criterion truncated", Es10Fixture.OneProfile),
    ]);

    /// <summary>EnableProfile: BF31 { A0 { 4F | 5A }, 81 refreshFlag } -> BF31 { 80 enableResult }.</summary>
    public static Es10Function EnableProfile { get; } = new(0xBF31, "EnableProfile", Es10Interface.Es10c,
        "SGP.22 v2.5 §5.7.16", Sgp32Releases.Both,
    [
        Valid("BF3111A00C5A0A" + Iccid1Ef + "810100", "BF3103800100", "by ICCID: ok", Es10Fixture.OneProfile),
        Valid("BF3117A0124F10" + Aid1 + "810100", "BF3103800100", "by ISD-P AID: ok", Es10Fixture.OneProfile),
        Valid("BF3111A00C5A0A" + UnknownIccidEf + "810100", "BF3103800101", "unknown ICCID: iccidOrAidNotFound", Es10Fixture.OneProfile),
        Malformed("BF3104A0025A00", "ICCID not 10 bytes", Es10Fixture.OneProfile),
        Malformed("BF3103A00100", "truncated", Es10Fixture.OneProfile),
        Malformed("BF3111A00C5A0A" + Iccid1Ef, "refreshFlag missing", Es10Fixture.OneProfile),
        Malformed("BF3111A00C9A0A" + Iccid1Ef + "810100", "wrong identifier tag 9A", Es10Fixture.OneProfile),
        Malformed("BF3111A00C5A0A" + Iccid1Ef + "81010000", "trailing bytes", Es10Fixture.OneProfile),
    ]);

    /// <summary>DisableProfile: BF32 { A0 { 4F | 5A }, 81 refreshFlag } -> BF32 { 80 disableResult }.</summary>
    public static Es10Function DisableProfile { get; } = new(0xBF32, "DisableProfile", Es10Interface.Es10c,
        "SGP.22 v2.5 §5.7.17", Sgp32Releases.Both,
    [
        Valid("BF3211A00C5A0A" + Iccid1Ef + "810100", "BF3203800102", "disabled already: profileNotInEnabledState", Es10Fixture.OneProfile),
        Valid("BF3211A00C5A0A" + UnknownIccidEf + "810100", "BF3203800101", "unknown ICCID: iccidOrAidNotFound", Es10Fixture.OneProfile),
        Malformed("BF3211A00C9A0A" + Iccid1Ef + "810100", "wrong identifier tag 9A", Es10Fixture.OneProfile),
        Malformed("BF3211A00C5A0A" + Iccid1Ef + "8101", "truncated", Es10Fixture.OneProfile),
        Malformed("BF3211A00C5A0A" + Iccid1Ef + "81010000", "trailing bytes", Es10Fixture.OneProfile),
    ]);

    /// <summary>DeleteProfile: BF33 { 4F | 5A } -> BF33 { 80 deleteResult }.</summary>
    public static Es10Function DeleteProfile { get; } = new(0xBF33, "DeleteProfile", Es10Interface.Es10c,
        "SGP.22 v2.5 §5.7.18", Sgp32Releases.Both,
    [
        Valid("BF330C5A0A" + UnknownIccidEf, "BF3303800101", "unknown ICCID: iccidOrAidNotFound", Es10Fixture.OneProfile),
        Valid("BF33124F10" + Aid1, "BF3303800100", "by ISD-P AID: ok", Es10Fixture.OneProfile),
        Malformed("BF33029000", "neither 4F nor 5A", Es10Fixture.OneProfile),
        Malformed("BF330C5A0A" + Iccid1Ef[..^2], "truncated", Es10Fixture.OneProfile),
        Malformed("BF330C5A0A" + Iccid1Ef + "00", "trailing bytes", Es10Fixture.OneProfile),
    ]);

    /// <summary>eUICCMemoryReset: BF34 { 82 resetOptions } -> BF34 { 80 resetResult }. A v1.0 IoT card has its own BF34.</summary>
    public static Es10Function EuiccMemoryReset { get; } = new(0xBF34, "eUICCMemoryReset", Es10Interface.Es10c,
        "SGP.22 v2.5 §5.7.19", Sgp32Releases.V1_2,
    [
        Valid("BF340482020520", "BF3403800101", "reset default SM-DP+ address: none set", Es10Fixture.OneProfile),
        Valid("BF340482020640", "BF3403800101", "field-loaded test profiles: none", Es10Fixture.OneProfile),
        Valid("BF340482020780", "BF3403800100", "operational profiles: one deleted", Es10Fixture.OneProfile),
        Malformed("BF3400", "resetOptions missing", Es10Fixture.OneProfile),
        Malformed("BF340483020780", "wrong inner tag 83", Es10Fixture.OneProfile),
        Malformed("BF3404820207", "truncated", Es10Fixture.OneProfile),
        Malformed("BF34048202078000", "trailing bytes", Es10Fixture.OneProfile),
    ]);

    /// <summary>GetEID: BF3E { 5C 01 5A } -> BF3E { 5A 10 EID }.</summary>
    public static Es10Function GetEid { get; } = new(0xBF3E, "GetEID", Es10Interface.Es10c,
        "SGP.22 v2.5 §5.7.20", Sgp32Releases.Both,
    [
        Valid("BF3E035C015A", "BF3E125A10" + TestEid, "the EID"),
        Malformed("BF3E035C0199", "tagList must be 5A"),
        Malformed("BF3E00", "tagList missing"),
        Malformed("BF3E035C01", "truncated"),
        Malformed("BF3E035C015A00", "trailing bytes"),
    ]);

    /// <summary>SetNickname: BF29 { 5A iccid, 90 nickname } -> BF29 { 80 setNicknameResult }.</summary>
    public static Es10Function SetNickname { get; } = new(0xBF29, "SetNickname", Es10Interface.Es10c,
        "SGP.22 v2.5 §5.7.21", Sgp32Releases.Both,
    [
        Valid("BF29125A0A" + Iccid1Ef + "90044E69636B", "BF2903800100", "\"Nick\": ok", Es10Fixture.OneProfile),
        Valid("BF290E5A0A" + Iccid1Ef + "9000", "BF2903800100", "empty nickname: ok", Es10Fixture.OneProfile),
        Valid("BF29125A0A" + UnknownIccidEf + "90044E69636B", "BF2903800101", "unknown ICCID: iccidNotFound", Es10Fixture.OneProfile),
        Malformed("BF29045A020000", "ICCID not 10 bytes", Es10Fixture.OneProfile),
        Malformed("BF29125A0A" + Iccid1Ef + "91044E69636B", "nickname with a wrong tag", Es10Fixture.OneProfile),
        Malformed("BF29125A0A" + Iccid1Ef + "90044E69", "truncated", Es10Fixture.OneProfile),
        Malformed("BF29125A0A" + Iccid1Ef + "90044E69636B00", "trailing bytes", Es10Fixture.OneProfile),
    ]);
}
