using EuiccEmulator.Rsp.Bsp;

namespace EuiccEmulator.Rsp.Tests.Bsp;

/// <summary>
/// A 64 KB profile through BSP: every segment unwraps in order to the exact bytes. Its speed is measured in bench/
/// (Download_P256_64K), as a ratio against the floor, not here.
/// </summary>
public sealed class BspLargeProfileTests
{
    [Fact]
    public void Unwrap_64KbProfileInTag86Segments_GivesBackEveryByte()
    {
        var random = new Random(64);
        var keys = BspTestSupport.RandomKeys(random);
        var upp = new byte[64 * 1024];
        random.NextBytes(upp);
        using var wrapper = new BspWrapper(keys);
        var segments = wrapper.WrapSegments(0x86, upp);
        Assert.True(segments.Count > 60, $"{segments.Count} segments"); // about 1 KB per segment

        var received = new byte[upp.Length];
        using var unwrapper = new BspUnwrapper(keys);
        var offset = 0;
        foreach (var tlv in segments)
        {
            var part = unwrapper.Unwrap(tlv);
            part.CopyTo(received, offset);
            offset += part.Length;
        }

        Assert.Equal(upp.Length, offset);
        Assert.Equal(upp, received);
    }
}
