using EuiccEmulator.State;
using LiteDB;

namespace EuiccEmulator.Storage.LiteDb;

/// <summary>
/// The identities of a fleet of cards in one file: for each card, a 4-byte little-endian length and the BSON of its
/// identity document (the same document a card store keeps). Minting thousands of cards then costs one file write
/// instead of one LiteDB database per card; each card's own store is created on its first state change.
/// </summary>
public static class FleetIdentityFile
{
    /// <summary>The file's name inside a fleet directory.</summary>
    public const string FileName = "fleet-identities.bson";

    /// <summary>Writes all identities to <paramref name="path"/> (through a temporary file, then renamed, then synced).</summary>
    public static void Write(string path, IEnumerable<CardIdentityRecord> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Span<byte> length = stackalloc byte[4];
            foreach (var identity in identities)
            {
                var bytes = BsonSerializer.Serialize(BsonCodec.FromIdentity(identity));
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
                stream.Write(length);
                stream.Write(bytes);
            }
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads every identity in the file, in order.</summary>
    /// <exception cref="StoreException">The file is missing or damaged.</exception>
    public static IReadOnlyList<CardIdentityRecord> Read(string path)
    {
        var full = Path.GetFullPath(path);
        byte[] data;
        try
        {
            data = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"{full}: cannot read the fleet identities ({e.Message})");
        }
        var result = new List<CardIdentityRecord>();
        var offset = 0;
        try
        {
            while (offset < data.Length)
            {
                if (data.Length - offset < 4) throw new FormatException("truncated length");
                var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset));
                offset += 4;
                if (length <= 0 || length > data.Length - offset) throw new FormatException("truncated record");
                result.Add(BsonCodec.ToIdentity(BsonSerializer.Deserialize(data[offset..(offset + length)])));
                offset += length;
            }
        }
        catch (Exception e) when (e is FormatException or LiteException or InvalidCastException or KeyNotFoundException or ArgumentException
            or NullReferenceException)
        {
            throw new StoreException($"{full}: damaged fleet identity file at byte {offset} ({e.Message})");
        }
        return result;
    }
}
