using System.Numerics;

namespace EuiccEmulator.Card.Uicc.Auth;

/// <summary>
/// The Keccak-f[1600] permutation (FIPS 202 §3.3-3.4, 24 rounds of θ, ρ, π, χ, ι) on 25 lanes of 64 bits, lane
/// (x, y) at index x + 5y. TUAK needs the bare permutation, which .NET's SHA-3 classes do not expose.
/// </summary>
internal static class KeccakF1600
{
    private static ReadOnlySpan<ulong> RoundConstants =>
    [
        0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
        0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
        0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
        0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
        0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
        0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
    ];

    // ρ offsets and π destinations walked along the (x, y) -> (y, 2x + 3y) cycle starting at lane (1, 0).
    private static ReadOnlySpan<byte> RhoOffsets =>
        [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];

    private static ReadOnlySpan<byte> PiLanes => [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

    /// <summary>Applies the permutation in place.</summary>
    public static void Permute(Span<ulong> a)
    {
        if (a.Length != 25) throw new ArgumentException("Keccak-f[1600] state is 25 lanes", nameof(a));
        Span<ulong> c = stackalloc ulong[5];
        for (var round = 0; round < 24; round++)
        {
            // θ
            for (var x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            for (var x = 0; x < 5; x++)
            {
                var d = c[(x + 4) % 5] ^ BitOperations.RotateLeft(c[(x + 1) % 5], 1);
                for (var y = 0; y < 25; y += 5) a[y + x] ^= d;
            }

            // ρ and π
            var current = a[1];
            for (var t = 0; t < 24; t++)
            {
                int j = PiLanes[t];
                var next = a[j];
                a[j] = BitOperations.RotateLeft(current, RhoOffsets[t]);
                current = next;
            }

            // χ
            for (var y = 0; y < 25; y += 5)
            {
                ulong a0 = a[y], a1 = a[y + 1], a2 = a[y + 2], a3 = a[y + 3], a4 = a[y + 4];
                a[y] = a0 ^ (~a1 & a2);
                a[y + 1] = a1 ^ (~a2 & a3);
                a[y + 2] = a2 ^ (~a3 & a4);
                a[y + 3] = a3 ^ (~a4 & a0);
                a[y + 4] = a4 ^ (~a0 & a1);
            }

            // ι
            a[0] ^= RoundConstants[round];
        }
    }
}
