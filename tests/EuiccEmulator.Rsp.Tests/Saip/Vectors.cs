namespace EuiccEmulator.Rsp.Tests.Saip;

/// <summary>Small hand-encoded PEs (hex) for the invalid-input tables.</summary>
internal static class Vectors
{
    // ProfileHeader v2.3, ICCID 89000100000000000102 (plain BCD), services {usim}, empty GFSTE list.
    public const string Header = "A018800102810103830A89000100000000000102A5028100A600";

    // PE-MF id 1, template 2.23.143.1.2.1, no files.
    public const string Mf = "B00FA0058000810101810667810F010201";

    // PE-MF id 1 with ef-iccid [4] holding the EF coding of the header ICCID.
    public const string MfWithIccid = "B01DA0058000810101810667810F010201A40C830A98001000000000001020";

    public const string End2 = "AA07A0058000810102";

    public static byte[] Bytes(params string[] hex) => Convert.FromHexString(string.Concat(hex));
}
