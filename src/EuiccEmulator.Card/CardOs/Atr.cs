namespace EuiccEmulator.Card.CardOs;

/// <summary>The default Answer To Reset.</summary>
// ISO 7816-3 §8: TS, T0, TA1 TD1 TD2 TA3, historical bytes (ISO 7816-4 §8.1.1 compact-TLV), TCK.
internal static class Atr
{
    public static byte[] Default()
    {
        byte[] historical =
        [
            0x80,                   // category indicator: compact-TLV follows
            0x31, 0xE0,             // card service data: selection by full and partial DF name
            0x73, 0xFE, 0x21, 0x5F, // card capabilities: extended Lc/Le, channels by card and host, 8+ channels
            0x82, 0x90, 0x00,       // status indicator: 9000
        ];
        var atr = new List<byte>
        {
            0x3B,                            // direct convention
            (byte)(0x90 | historical.Length), // TA1 and TD1 present
            0x96,                            // TA1: Fi=512, Di=32
            0x80,                            // TD1: TD2 present, T=0
            0x1F,                            // TD2: TA3 present, T=15 (global)
            0xC7,                            // TA3: clock stop any, classes A, B and C
        };
        atr.AddRange(historical);
        byte tck = 0;
        for (var i = 1; i < atr.Count; i++) tck ^= atr[i];
        atr.Add(tck);
        return [.. atr];
    }
}
