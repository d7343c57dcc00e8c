namespace EuiccEmulator.Rsp;

/// <summary>The SGP.32 version a card implements; the wire value is the version's major*10+minor.</summary>
// SGP.32 v1.0 and v1.2 differ in several ES10 functions (README "SGP.32 v1.0 and v1.2").
public enum Sgp32Version
{
    /// <summary>SGP.32 v1.0.</summary>
    V1_0 = 10,
    /// <summary>SGP.32 v1.2.</summary>
    V1_2 = 12,
}

/// <summary>Parsing and printing of <see cref="Sgp32Version"/> as "1.0" / "1.2".</summary>
public static class Sgp32Versions
{
    /// <summary>The version as "1.0" or "1.2".</summary>
    public static string Text(this Sgp32Version version) => version switch
    {
        Sgp32Version.V1_0 => "1.0",
        Sgp32Version.V1_2 => "1.2",
        _ => ((int)version).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Reads "1.0" or "1.2".</summary>
    public static bool TryParse(string? text, out Sgp32Version version)
    {
        switch (text)
        {
            case "1.0":
                version = Sgp32Version.V1_0;
                return true;
            case "1.2":
                version = Sgp32Version.V1_2;
                return true;
            default:
                version = Sgp32Version.V1_2;
                return false;
        }
    }

    /// <summary>iotVersion as EUICCInfo2 reports it (VersionType: major, minor, revision).</summary>
    public static byte[] VersionType(this Sgp32Version version) => version == Sgp32Version.V1_0 ? [1, 0, 0] : [1, 2, 0];
}
