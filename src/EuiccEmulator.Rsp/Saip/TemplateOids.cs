namespace EuiccEmulator.Rsp.Saip;

/// <summary>Template OIDs of the file system PEs (prefix 2.23.143.1.2).</summary>
// SAIP v3.3.1 Annex A (docs/saip.md#template-oids).
internal static class TemplateOids
{
    public const string Prefix = "2.23.143.1.2.";
    public const string Mf = Prefix + "1";
    public const string Cd = Prefix + "2";
    public const string Telecom = Prefix + "3";
    public const string Usim = Prefix + "4";
    public const string OptUsim = Prefix + "5";
    public const string Phonebook = Prefix + "6";
    public const string GsmAccess = Prefix + "7";
    public const string Isim = Prefix + "8";
    public const string OptIsim = Prefix + "9";
    public const string Csim = Prefix + "10";
    public const string OptCsim = Prefix + "11";
    public const string Eap = Prefix + "12";
    public const string Df5gs = Prefix + "13";
    public const string DfSaip = Prefix + "14";
    public const string DfSnpn = Prefix + "15";
    public const string Df5gProse = Prefix + "16";
    public const string Iot = Prefix + "17";
    public const string OptIot = Prefix + "18";

    /// <summary>Every template OID this version defines, including the versioned variants (x.2, x.3, ...).</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Mf, Cd, Telecom, Telecom + ".2", Usim, Usim + ".2", OptUsim, OptUsim + ".2", OptUsim + ".3",
        Phonebook, GsmAccess, Isim, OptIsim, OptIsim + ".2", Csim, Csim + ".2", OptCsim, OptCsim + ".2",
        Eap, Df5gs, Df5gs + ".2", Df5gs + ".3", Df5gs + ".4", DfSaip, DfSnpn, Df5gProse, Iot, OptIot,
    };
}
