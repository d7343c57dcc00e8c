using LiteDB;

namespace EuiccEmulator.Storage.LiteDb;

/// <summary>
/// Checks an existing store file before LiteDB opens it for writing, so that a damaged file is refused with one
/// line and left byte for byte as it was.
/// </summary>
/// <remarks>
/// LiteDB 5 writes to a file it cannot read: on an "invalid datafile state" error it marks the header page (byte
/// 1 at P_INVALID_DATAFILE_STATE) even when opened read-only, and it turns an empty file into a new database. So the
/// check runs LiteDB on in-memory copies of the data file and its log: LiteDB replays the log, checkpoints and reads
/// every document there, and whatever it writes lands in the copies. LiteDB 5 pages carry no checksum: a flipped
/// bit inside a stored value that still decodes cannot be seen; one in the file header, a page header, an index
/// node or a document's structure is refused here.
/// </remarks>
internal static class StoreValidator
{
    private const int PageSize = 8192;

    /// <summary>card.db logs to card-log.db (LiteDB 5's naming).</summary>
    public static string LogPathOf(string path) => Path.Combine(Path.GetDirectoryName(path)!,
        Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    /// <exception cref="StoreException">the file is not a readable, intact card store; the message names it.</exception>
    public static void Validate(string path, int schemaVersion)
    {
        if (Directory.Exists(path)) throw new StoreException($"{path}: is a directory, not a card store file");
        byte[] data;
        byte[] log;
        try
        {
            data = File.ReadAllBytes(path);
            var logPath = LogPathOf(path);
            log = File.Exists(logPath) ? File.ReadAllBytes(logPath) : [];
        }
        catch (UnauthorizedAccessException)
        {
            throw new StoreException($"{path}: no permission to read the store");
        }
        catch (IOException e)
        {
            throw new StoreException($"{path}: cannot read the store ({OneLine(e.Message)})");
        }
        if (data.Length == 0) throw new StoreException($"{path}: empty file (0 bytes), not a card store; left as it is");

        try
        {
            using var dataCopy = Copy(data);
            using var logCopy = Copy(log);
            var db = new LiteDatabase(dataCopy, logStream: logCopy);
            try
            {
                // After the log is copied into the data pages, every page up to the last allocated one must exist:
                // a file cut short (a partial copy, a full disk) ends before it.
                db.Checkpoint();
                var lastPageId = db.GetCollection("$database").FindAll().First()["lastPageID"].AsInt32;
                var needed = (lastPageId + 1L) * PageSize;
                if (dataCopy.Length < needed)
                    throw new StoreException($"{path}: truncated: {data.Length} bytes where the store needs {needed}; left as it is");
                CheckContent(db, path, schemaVersion);
            }
            finally
            {
                LiteDbInternals.Dispose(db);
            }
        }
        catch (StoreException)
        {
            throw;
        }
#pragma warning disable CA1031 // a damaged file makes LiteDB and the decoders throw almost any type; all mean "damaged"
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            throw new StoreException($"{path}: damaged, not a readable card store ({OneLine(e.Message)}); left as it is");
        }
    }

    private static MemoryStream Copy(byte[] bytes)
    {
        var stream = new MemoryStream(bytes.Length);
        stream.Write(bytes);
        stream.Position = 0;
        return stream;
    }

    /// <summary>Reads every document of every collection and decodes the card's own through <see cref="BsonCodec"/>.</summary>
    private static void CheckContent(LiteDatabase db, string path, int schemaVersion)
    {
        var names = db.GetCollectionNames().ToList();
        var schema = names.Contains("meta") ? db.GetCollection("meta").FindById("schema") : null;
        if (schema is null)
        {
            // A file LiteDB created before the first schema write holds nothing else; anything more is foreign.
            if (names.Any(n => n != "meta")) throw new StoreException($"{path}: no schema version: not a card store");
            // Opening writes the schema into such a file: try it on the copy, where a damaged header fails instead.
            db.GetCollection("meta").Insert(LiteDbCardStore.SchemaDocument(schemaVersion));
            db.Checkpoint();
            return;
        }
        var version = schema["version"].AsInt32;
        if (version != schemaVersion)
            throw new StoreException($"{path}: schema version {version} is not supported (this build reads {schemaVersion})");
        foreach (var name in names)
        {
            foreach (var doc in db.GetCollection(name).FindAll())
            {
                switch (name)
                {
                    case "settings": BsonCodec.ToSettings(doc); break;
                    case "profiles": BsonCodec.ToProfile(doc); break;
                    case "notifications": BsonCodec.ToNotification(doc); break;
                    case "identity": BsonCodec.ToIdentity(doc); break;
                    case "packages":
                        if (doc["data"].AsBinary is null) throw new InvalidDataException($"package {doc["_id"]} has no data");
                        break;
                }
            }
        }
    }

    private static string OneLine(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        return line.Length > 160 ? line[..160] + "…" : line;
    }
}
