using System.Buffers.Binary;
using System.Security.Cryptography;
using EuiccEmulator.Card.Uicc.Auth;

namespace EuiccEmulator.Card.Tests.Uicc.Auth;

public class KeccakF1600Tests
{
    // SHA3-256 as a sponge over the permutation (FIPS 202 §4, §6.1): rate 136 bytes, pad 06 .. 80.
    private static byte[] Sha3_256(ReadOnlySpan<byte> message)
    {
        const int rate = 136;
        var padded = new byte[(message.Length / rate + 1) * rate];
        message.CopyTo(padded);
        padded[message.Length] ^= 0x06;
        padded[^1] ^= 0x80;
        var lanes = new ulong[25];
        for (var offset = 0; offset < padded.Length; offset += rate)
        {
            for (var i = 0; i < rate / 8; i++) lanes[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(padded.AsSpan(offset + i * 8));
            KeccakF1600.Permute(lanes);
        }
        var digest = new byte[32];
        for (var i = 0; i < 4; i++) BinaryPrimitives.WriteUInt64LittleEndian(digest.AsSpan(i * 8), lanes[i]);
        return digest;
    }

    [Theory]
    // FIPS 202 SHA3-256 example values (NIST CSRC "SHA3-256" examples: empty message and "abc").
    [InlineData("", "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")]
    [InlineData("616263", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532")]
    public void Sha3_over_the_permutation_matches_known_answers(string message, string digest)
    {
        Assert.Equal(digest, Convert.ToHexStringLower(Sha3_256(Convert.FromHexString(message))));
    }

    [SkippableFact]
    public void Sha3_over_the_permutation_matches_the_platform_SHA3()
    {
        Skip.IfNot(SHA3_256.IsSupported, "the platform crypto library has no SHA3-256");
        var rng = new Random(1600);
        foreach (var length in new[] { 0, 1, 135, 136, 137, 200, 272, 1000 })
        {
            var m = new byte[length];
            rng.NextBytes(m);
            Assert.Equal(SHA3_256.HashData(m), Sha3_256(m));
        }
    }

    [Fact]
    public void Permutation_of_the_zero_state_matches_the_Keccak_team_known_answer()
    {
        // KeccakF-1600-IntermediateValues.txt: lanes 0, 1 and 24 after one permutation of the all-zero state.
        var lanes = new ulong[25];
        KeccakF1600.Permute(lanes);
        Assert.Equal(0xF1258F7940E1DDE7UL, lanes[0]);
        Assert.Equal(0x84D5CCF933C0478AUL, lanes[1]);
        Assert.Equal(0xEAF1FF7B5CECA249UL, lanes[24]);
    }
}
