namespace EuiccEmulator.Rsp.Saip;

/// <summary>ProfileElement CHOICE alternatives with their wire tags (AUTOMATIC TAGS, constructed context tags).</summary>
// SAIP v3.3.1 PEDefinitions ProfileElement (docs/saip.md#profile-element-tags).
internal enum ProfileElementType
{
    Header = 0xA0,
    GenericFileManagement = 0xA1,
    PinCodes = 0xA2,
    PukCodes = 0xA3,
    AkaParameter = 0xA4,
    CdmaParameter = 0xA5,
    SecurityDomain = 0xA6,
    Rfm = 0xA7,
    Application = 0xA8,
    NonStandard = 0xA9,
    End = 0xAA,
    Rfu1 = 0xAB,
    Rfu2 = 0xAC,
    Rfu3 = 0xAD,
    Rfu4 = 0xAE,
    Rfu5 = 0xAF,
    Mf = 0xB0,
    Cd = 0xB1,
    Telecom = 0xB2,
    Usim = 0xB3,
    OptUsim = 0xB4,
    Isim = 0xB5,
    OptIsim = 0xB6,
    Phonebook = 0xB7,
    GsmAccess = 0xB8,
    Csim = 0xB9,
    OptCsim = 0xBA,
    Eap = 0xBB,
    Df5gs = 0xBC,
    DfSaip = 0xBD,
    DfSnpn = 0xBE,
    Df5gProse = 0xBF1F,
    Iot = 0xBF20,
    OptIot = 0xBF21,
}

/// <summary>Names and groupings of <see cref="ProfileElementType"/>.</summary>
internal static class ProfileElementTypes
{
    private static readonly Dictionary<int, string> s_names = new()
    {
        [0xA0] = "header", [0xA1] = "genericFileManagement", [0xA2] = "pinCodes", [0xA3] = "pukCodes",
        [0xA4] = "akaParameter", [0xA5] = "cdmaParameter", [0xA6] = "securityDomain", [0xA7] = "rfm",
        [0xA8] = "application", [0xA9] = "nonStandard", [0xAA] = "end", [0xAB] = "rfu1", [0xAC] = "rfu2",
        [0xAD] = "rfu3", [0xAE] = "rfu4", [0xAF] = "rfu5", [0xB0] = "mf", [0xB1] = "cd", [0xB2] = "telecom",
        [0xB3] = "usim", [0xB4] = "opt-usim", [0xB5] = "isim", [0xB6] = "opt-isim", [0xB7] = "phonebook",
        [0xB8] = "gsm-access", [0xB9] = "csim", [0xBA] = "opt-csim", [0xBB] = "eap", [0xBC] = "df-5gs",
        [0xBD] = "df-saip", [0xBE] = "df-snpn", [0xBF1F] = "df-5gprose", [0xBF20] = "iot", [0xBF21] = "opt-iot",
    };

    /// <summary>The ASN.1 alternative name for a wire tag, or "pe-XXXX" for a tag this version does not define.</summary>
    public static string Name(int tag) =>
        s_names.TryGetValue(tag, out var name) ? name : "pe-" + tag.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsKnown(int tag) => s_names.ContainsKey(tag);

    /// <summary>Template PEs: PEHeader, then templateID, then files.</summary>
    // SAIP v3.3.1 §8.3: file system PEs created from templates.
    public static bool IsTemplate(int tag) => tag is >= 0xB0 and <= 0xBE or 0xBF1F or 0xBF20 or 0xBF21;

    /// <summary>rfu1..rfu5 (PE-Dummy): no PEHeader.</summary>
    public static bool IsReserved(int tag) => tag is >= 0xAB and <= 0xAF;

    /// <summary>The mandatory PE an optional PE extends; it must come earlier in the package.</summary>
    // SAIP v3.3.1 §8.3: optional templates refer to the NAA created by their mandatory template.
    public static int? Parent(int tag) => tag switch
    {
        (int)ProfileElementType.OptUsim => (int)ProfileElementType.Usim,
        (int)ProfileElementType.OptIsim => (int)ProfileElementType.Isim,
        (int)ProfileElementType.OptCsim => (int)ProfileElementType.Csim,
        (int)ProfileElementType.OptIot => (int)ProfileElementType.Iot,
        _ => null,
    };
}
