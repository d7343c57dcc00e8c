namespace EuiccEmulator.Pcsc.Tests;

public class PcscErrorTests
{
    [Theory]
    [InlineData(0x00000000u, "SCARD_S_SUCCESS")]
    [InlineData(0x80100002u, "SCARD_E_CANCELLED")]
    [InlineData(0x80100009u, "SCARD_E_UNKNOWN_READER")]
    [InlineData(0x8010000Au, "SCARD_E_TIMEOUT")]
    [InlineData(0x8010000Bu, "SCARD_E_SHARING_VIOLATION")]
    [InlineData(0x8010000Cu, "SCARD_E_NO_SMARTCARD")]
    [InlineData(0x8010000Fu, "SCARD_E_PROTO_MISMATCH")]
    [InlineData(0x80100017u, "SCARD_E_READER_UNAVAILABLE")]
    [InlineData(0x8010001Du, "SCARD_E_NO_SERVICE")]
    [InlineData(0x8010001Eu, "SCARD_E_SERVICE_STOPPED")]
    [InlineData(0x8010002Eu, "SCARD_E_NO_READERS_AVAILABLE")]
    [InlineData(0x80100066u, "SCARD_W_UNRESPONSIVE_CARD")]
    [InlineData(0x80100067u, "SCARD_W_UNPOWERED_CARD")]
    [InlineData(0x80100068u, "SCARD_W_RESET_CARD")]
    [InlineData(0x80100069u, "SCARD_W_REMOVED_CARD")]
    public void Name_KnownCode_IsThePcscliteConstant(uint code, string name)
    {
        Assert.Equal(name, PcscErrors.Name(code));
        Assert.Equal(name, new PcscException(code, "op").ErrorName);
    }

    [Fact]
    public void Name_UnknownCode_IsHex()
    {
        Assert.Equal("0x80100099", PcscErrors.Name(0x80100099));
        Assert.Equal("unknown PC/SC error", PcscErrors.Describe(0x80100099));
    }

    [Fact]
    public void EveryEnumMember_HasADistinctScardName()
    {
        var all = Enum.GetValues<PcscError>();
        string[] names = [.. all.Select(PcscErrors.Name)];
        Assert.All(names, n => Assert.Matches("^SCARD_[SEFWP]_[A-Z_]+$", n));
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, e => Assert.False(string.IsNullOrWhiteSpace(PcscErrors.Describe(e))));
    }

    [Fact]
    public void Message_IsOneLine_WithOperationReaderNameAndCode()
    {
        var ex = new PcscException((uint)PcscError.NoSmartcard, "SCardConnect", "Virtual PCD 00 00");
        Assert.Equal(
            "SCardConnect on reader 'Virtual PCD 00 00' failed: SCARD_E_NO_SMARTCARD (0x8010000C), no card in the reader",
            ex.Message);
        Assert.Equal(PcscError.NoSmartcard, ex.Error);
        Assert.Equal("SCardConnect", ex.Operation);
        Assert.Equal("Virtual PCD 00 00", ex.Reader);
    }

    [Fact]
    public void Message_WithoutReader_AndWithDetail()
    {
        var ex = new PcscException((uint)PcscError.NoService, "SCardEstablishContext", detail: "start pcscd");
        Assert.Equal(
            "SCardEstablishContext failed: SCARD_E_NO_SERVICE (0x8010001D), the PC/SC daemon (pcscd) is not running; start pcscd",
            ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
