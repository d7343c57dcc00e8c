using EuiccEmulator.Rsp.Saip;
using EuiccEmulator.Rsp.Values;

namespace EuiccEmulator.Rsp.Tests.Saip;

/// <summary>The parameters behind the committed sample profiles in profiles/ (test values only).</summary>
internal static class SampleProfiles
{
    // Test ICCIDs: issuer prefix 89 00 01, Luhn check digit last.
    public const string UsimIccid = "89000100000000000102";
    public const string IotIccid = "89000100000000000201";

    public static readonly byte[] TestK = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
    public static readonly byte[] TestOpc = Convert.FromHexString("0F0E0D0C0B0A09080706050403020100");

    public static UsimProfileParameters Usim => new()
    {
        Iccid = Iccid.Parse(UsimIccid),
        Imsi = "001010000000001",
        K = TestK,
        Opc = TestOpc,
        IncludeSecurityDomain = true,
    };

    public static IotProfileParameters Iot => new()
    {
        Iccid = Iccid.Parse(IotIccid),
        Imsi = "001010000000002",
        K = TestK,
        Opc = TestOpc,
    };

    public static bool LuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }
}
