using EuiccEmulator.Rsp.Trace;

namespace EuiccEmulator.Rsp.Tests.Trace;

/// <summary>A served card's log names the UICC-plane commands a terminal such as pySim-shell sends.</summary>
public class InstructionNamesTests
{
    [Theory]
    [InlineData("00B0000009", "READ BINARY")]
    [InlineData("00B2010421", "READ RECORD")]
    [InlineData("002000010830303030FFFFFFFF", "VERIFY PIN")]
    [InlineData("00880081221000112233445566778899AABBCCDDEEFF103040506070C08000001020304010E070", "AUTHENTICATE")]
    [InlineData("80F2000000", "STATUS")]
    [InlineData("8078000100", "GET IDENTITY")]
    [InlineData("00A40004023F00", "SELECT")]
    [InlineData("00FE000000", "INS FE")]
    public void Uicc_instructions_have_their_TS_102_221_names(string apdu, string expected) =>
        Assert.Equal(expected, InstructionNames.Describe(Convert.FromHexString(apdu)));
}
