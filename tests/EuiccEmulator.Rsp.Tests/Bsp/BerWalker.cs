namespace EuiccEmulator.Rsp.Tests.Bsp;

/// <summary>Minimal BER walker to cut a bound profile package into its TLVs (definite lengths only).</summary>
internal static class BerWalker
{
    public sealed record Tlv(int Tag, byte[] Encoded, byte[] Value);

    /// <summary>All TLVs laid end to end in <paramref name="data"/>.</summary>
    public static List<Tlv> Children(byte[] data)
    {
        var result = new List<Tlv>();
        var offset = 0;
        while (offset < data.Length)
        {
            var start = offset;
            int tag = data[offset++];
            // X.690 §8.1.2.4: high tag number form.
            if ((tag & 0x1F) == 0x1F)
            {
                int b;
                do
                {
                    b = data[offset++];
                    tag = (tag << 8) | b;
                }
                while ((b & 0x80) != 0);
            }
            int length = data[offset++];
            if (length > 0x80)
            {
                var count = length & 0x7F;
                length = 0;
                for (var i = 0; i < count; i++)
                    length = (length << 8) | data[offset++];
            }
            else if (length == 0x80)
            {
                throw new InvalidDataException("Indefinite length.");
            }
            var end = offset + length;
            if (end > data.Length)
                throw new InvalidDataException("TLV runs past the end.");
            result.Add(new Tlv(tag, data[start..end], data[offset..end]));
            offset = end;
        }
        return result;
    }

    public static Tlv Single(byte[] data)
    {
        var all = Children(data);
        Assert.Single(all);
        return all[0];
    }
}
