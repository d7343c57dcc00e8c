namespace EuiccEmulator.Rsp.Saip;

/// <summary>ServicesList components; the value is the context tag number each carries (AUTOMATIC TAGS).</summary>
// SAIP v3.3.1 PEDefinitions ServicesList.
internal enum SaipService
{
    Contactless = 0,
    Usim = 1,
    Isim = 2,
    Csim = 3,
    Milenage = 4,
    Tuak128 = 5,
    Cave = 6,
    GbaUsim = 7,
    GbaIsim = 8,
    Mbms = 9,
    Eap = 10,
    Javacard = 11,
    Multos = 12,
    MultipleUsim = 13,
    MultipleIsim = 14,
    MultipleCsim = 15,
    Tuak256 = 16,
    UsimTestAlgorithm = 17,
    BerTlv = 18,
    DfLink = 19,
    CatTp = 20,
    GetIdentity = 21,
    ProfileAX25519 = 22,
    ProfileBP256 = 23,
    SuciCalculatorApi = 24,
    DnsResolution = 25,
    Scp11ac = 26,
    Scp11cAuthorizationMechanism = 27,
    S16Mode = 28,
    Eaka = 29,
}

/// <summary>ASN.1 names of <see cref="SaipService"/>.</summary>
internal static class SaipServices
{
    private static readonly string[] s_names =
    [
        "contactless", "usim", "isim", "csim", "milenage", "tuak128", "cave", "gba-usim", "gba-isim", "mbms",
        "eap", "javacard", "multos", "multiple-usim", "multiple-isim", "multiple-csim", "tuak256",
        "usim-test-algorithm", "ber-tlv", "dfLink", "cat-tp", "get-identity", "profile-a-x25519",
        "profile-b-p256", "suciCalculatorApi", "dns-resolution", "scp11ac", "scp11c-authorization-mechanism",
        "s16mode", "eaka",
    ];

    public static string AsnName(this SaipService service) =>
        (int)service >= 0 && (int)service < s_names.Length ? s_names[(int)service] : "service-" + (int)service;
}
