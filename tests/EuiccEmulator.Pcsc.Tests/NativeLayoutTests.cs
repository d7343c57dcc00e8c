using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EuiccEmulator.Pcsc.Native;

namespace EuiccEmulator.Pcsc.Tests;

public class NativeLayoutTests
{
    [Fact]
    public void ScardIoRequest_IsTwoUnsignedLongs()
    {
        Assert.Equal(2 * IntPtr.Size, Unsafe.SizeOf<ScardIoRequest>());
        Assert.Equal(2 * IntPtr.Size, Marshal.SizeOf<ScardIoRequest>());
    }

    [Fact]
    public void ScardReaderState_MatchesPcscliteLayout()
    {
        // Two pointers and three unsigned longs, then rgbAtr[33], padded to the pointer alignment.
        var fields = 5 * IntPtr.Size;
        var expected = (fields + PcscNative.MaxAtrSize + IntPtr.Size - 1) / IntPtr.Size * IntPtr.Size;
        Assert.Equal(expected, Unsafe.SizeOf<ScardReaderState>());
        Assert.Equal(0, (int)Marshal.OffsetOf<ScardReaderState>(nameof(ScardReaderState.Reader)));
        Assert.Equal(2 * IntPtr.Size, (int)Marshal.OffsetOf<ScardReaderState>(nameof(ScardReaderState.CurrentState)));
        Assert.Equal(3 * IntPtr.Size, (int)Marshal.OffsetOf<ScardReaderState>(nameof(ScardReaderState.EventState)));
        Assert.Equal(4 * IntPtr.Size, (int)Marshal.OffsetOf<ScardReaderState>(nameof(ScardReaderState.AtrLength)));
        Assert.Equal(fields, (int)Marshal.OffsetOf<ScardReaderState>(nameof(ScardReaderState.Atr)));
    }

    [SkippableFact]
    public void OnLinuxX64_SizesAreThoseOfPcscliteHeaders()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64,
            "the sizes are those of Linux x86_64");

        Assert.Equal(16, Unsafe.SizeOf<ScardIoRequest>());
        Assert.Equal(80, Unsafe.SizeOf<ScardReaderState>());
        Assert.Equal(8, Unsafe.SizeOf<nuint>());
    }

    [Fact]
    public void ErrorCode_FromNativeLong_KeepsThe32BitValue()
    {
        // pcsc-lite returns LONG (64-bit on x86_64) holding 0x8010001D as a positive number.
        Assert.Equal(0x8010001Du, PcscNative.Code(unchecked((nint)0x8010001DL)));
        Assert.Equal(0u, PcscNative.Code(0));
    }

    [Fact]
    public void ExtendedBuffer_HoldsTheLargestResponse()
    {
        Assert.Equal(65548, PcscNative.MaxBufferSizeExtended);
        Assert.True(PcscNative.MaxBufferSizeExtended >= 65536 + 2);
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("00", new string[0])]
    [InlineData("410042000000", new[] { "A", "B" })]
    [InlineData("5669727475616C20504344203030203030005669727475616C2050434420303020303100",
        new[] { "Virtual PCD 00 00", "Virtual PCD 00 01" })]
    [InlineData("4142", new[] { "AB" })] // not terminated: taken as is
    public void ParseMultiString(string hex, string[] expected) =>
        Assert.Equal(expected, PcscContext.ParseMultiString(Convert.FromHexString(hex)));
}
