namespace EuiccEmulator.Card.Uicc.Suci;

/// <summary>
/// The SUCI calculation information: protection schemes in priority order with the index of their home network
/// public key, and the keys with their identifiers. The USIM reads it from DF.SAIP/EF.SUCI_Calc_Info_USIM (SAIP
/// v3.3.1 §9.5.12), which has the format of DF.5GS/EF.SUCI_Calc_Info.
/// </summary>
// 3GPP TS 31.102 §4.4.11.8: 'A0' L (scheme id, key index)*, 'A1' L ('80' L key id, '81' L key)*; then 'FF' padding.
// Key index n names the n-th key of the list (1-based); the null scheme has key index 0.
//
// Hex vectors (tests/EuiccEmulator.Card.Tests/Uicc/Suci/SuciCalcInfoTests.cs):
//   A0020000FFFF                     null scheme only (the TS.48 SUCI profiles' fill pattern)
//   A006020101020000 A16B 80011B 8141 04.. 80011E 8120 5A..   profile B with key 1 (id 27), A with key 2 (id 30), null
//   A002020A                         nothing usable listed: the null scheme
//   A003000000                       invalid: odd scheme list
//   A0020000A1038001                 invalid: truncated key list
//   A0020000A10380011B               invalid: a key identifier without its key
internal sealed record SuciCalcInfo(IReadOnlyList<(byte Scheme, byte KeyIndex)> Schemes,
    IReadOnlyList<(byte Id, byte[] Key)> Keys)
{
    private const byte TagSchemes = 0xA0;
    private const byte TagKeys = 0xA1;
    private const byte TagKeyId = 0x80;
    private const byte TagKey = 0x81;

    /// <summary>Reads the file content; false with a reason when it is not of the §4.4.11.8 format.</summary>
    public static bool TryParse(ReadOnlySpan<byte> content, out SuciCalcInfo? info, out string reason)
    {
        info = null;
        var schemes = new List<(byte, byte)>();
        var keys = new List<(byte, byte[])>();
        var seenSchemes = false;
        var pos = 0;
        while (pos < content.Length && content[pos] != 0xFF)
        {
            var tag = content[pos];
            if (!TryLength(content, pos + 1, out var length, out var header) || pos + 1 + header + length > content.Length)
            {
                reason = $"truncated data object at {pos}";
                return false;
            }
            var value = content.Slice(pos + 1 + header, length);
            pos += 1 + header + length;
            switch (tag)
            {
                case TagSchemes when !seenSchemes:
                    if (value.Length % 2 != 0)
                    {
                        reason = "the protection scheme list has an odd length";
                        return false;
                    }
                    for (var i = 0; i < value.Length; i += 2) schemes.Add((value[i], value[i + 1]));
                    seenSchemes = true;
                    break;
                case TagKeys:
                    if (!TryKeys(value, keys, out reason)) return false;
                    break;
                default:
                    reason = $"unexpected tag {tag:X2} at {pos - 1 - header - length}";
                    return false;
            }
        }
        if (!seenSchemes)
        {
            reason = "no protection scheme list ('A0')";
            return false;
        }
        info = new SuciCalcInfo(schemes, keys);
        reason = "";
        return true;
    }

    /// <summary>The first listed scheme this card computes whose key is present and fits; null scheme if none.</summary>
    public (ProtectionScheme Scheme, byte KeyId, byte[] Key) Choose()
    {
        foreach (var (scheme, index) in Schemes)
        {
            if (scheme == (byte)ProtectionScheme.Null) return (ProtectionScheme.Null, 0, []);
            if (scheme is not ((byte)ProtectionScheme.ProfileA or (byte)ProtectionScheme.ProfileB)) continue;
            if (index < 1 || index > Keys.Count) continue;
            var (id, key) = Keys[index - 1];
            if (Ecies.IsValidPublicKey((ProtectionScheme)scheme, key)) return ((ProtectionScheme)scheme, id, key);
        }
        // TS 33.501 §6.12.2: without a usable home network public key the SUCI uses the null scheme.
        return (ProtectionScheme.Null, 0, []);
    }

    private static bool TryKeys(ReadOnlySpan<byte> value, List<(byte, byte[])> keys, out string reason)
    {
        var pos = 0;
        byte? id = null;
        while (pos < value.Length)
        {
            var tag = value[pos];
            if (!TryLength(value, pos + 1, out var length, out var header) || pos + 1 + header + length > value.Length)
            {
                reason = "truncated home network public key list";
                return false;
            }
            var item = value.Slice(pos + 1 + header, length);
            pos += 1 + header + length;
            if (tag == TagKeyId && id is null && item.Length == 1)
            {
                id = item[0];
            }
            else if (tag == TagKey && id is { } keyId)
            {
                keys.Add((keyId, item.ToArray()));
                id = null;
            }
            else
            {
                reason = $"home network public key list: unexpected '{tag:X2}' of {item.Length} bytes";
                return false;
            }
        }
        reason = id is null ? "" : "a key identifier without its key";
        return id is null;
    }

    // BER length of one or two bytes (a key list of two P-256 keys passes 127 bytes).
    private static bool TryLength(ReadOnlySpan<byte> data, int at, out int length, out int header)
    {
        length = header = 0;
        if (at >= data.Length) return false;
        if (data[at] < 0x80)
        {
            (length, header) = (data[at], 1);
            return true;
        }
        if (data[at] == 0x81 && at + 1 < data.Length && data[at + 1] >= 0x80)
        {
            (length, header) = (data[at + 1], 2);
            return true;
        }
        return false;
    }
}
