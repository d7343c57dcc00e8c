using EuiccEmulator.Core.State;
using EuiccEmulator.Core.Values;
using LiteDB;

namespace EuiccEmulator.Storage.LiteDb;

/// <summary>
/// A durable card store in one LiteDB file. Each <see cref="Commit"/> is one LiteDB transaction; a lock
/// file held for the store's lifetime refuses a second process on the same store.
/// </summary>
public sealed class LiteDbCardStore : ICardStore, IIdentityStore
{
    /// <summary>The layout this code reads and writes; any other refuses to open.</summary>
    public const int SchemaVersion = 1;

    private const string Meta = "meta";
    private const string Settings = "settings";
    private const string Profiles = "profiles";
    private const string Packages = "packages";
    private const string Notifications = "notifications";
    private const string Identity = "identity";

    private readonly LiteDatabase _db;
    private readonly FileStream _lock;

    private LiteDbCardStore(string path, FileStream lockFile, LiteDatabase db)
    {
        Path = path;
        _lock = lockFile;
        _db = db;
    }

    public string Path { get; }

    /// <summary>Opens or creates the store; refuses a store in use or of an unknown schema.</summary>
    /// <exception cref="StoreException">with a one-line reason naming the file.</exception>
    public static LiteDbCardStore Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var lockFile = AcquireLock(full);
        LiteDatabase? db = null;
        try
        {
            var existed = File.Exists(full);
            db = new LiteDatabase(new ConnectionString { Filename = full, Connection = ConnectionType.Direct });
            if (!existed && !OperatingSystem.IsWindows()) File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            CheckSchema(db, full);
            return new LiteDbCardStore(full, lockFile, db);
        }
        // LiteDB reports a damaged or foreign file with several exception types.
        catch (Exception e) when (e is LiteException or ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            db?.Dispose();
            lockFile.Dispose();
            throw new StoreException($"{full}: not a readable card store ({e.Message.ReplaceLineEndings(" ")})");
        }
        catch
        {
            db?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    private static FileStream AcquireLock(string full)
    {
        var lockPath = full + ".lock";
        try
        {
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(lockPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return stream;
        }
        catch (IOException)
        {
            throw new StoreException($"{full}: the store is in use by another process");
        }
        catch (UnauthorizedAccessException)
        {
            throw new StoreException($"{lockPath}: no permission to lock the store");
        }
    }

    private static void CheckSchema(LiteDatabase db, string full)
    {
        var meta = db.GetCollection(Meta);
        var doc = meta.FindById("schema");
        if (doc is null)
        {
            var empty = db.GetCollectionNames().All(n => n == Meta);
            if (!empty) throw new StoreException($"{full}: no schema version: not a card store");
            meta.Insert(new BsonDocument { ["_id"] = "schema", ["version"] = SchemaVersion });
            return;
        }
        var version = doc["version"].AsInt32;
        if (version != SchemaVersion)
            throw new StoreException($"{full}: schema version {version} is not supported (this build reads {SchemaVersion})");
    }

    public CardSnapshot Load()
    {
        var settingsDoc = _db.GetCollection(Settings).FindById("card");
        var settings = settingsDoc is null ? new CardSettings() : BsonCodec.ToSettings(settingsDoc);
        var profiles = _db.GetCollection(Profiles).FindAll().Select(BsonCodec.ToProfile).ToList();
        var notifications = _db.GetCollection(Notifications).FindAll().Select(BsonCodec.ToNotification)
            .OrderBy(n => n.SeqNumber).ToList();
        return new CardSnapshot(settings, profiles, notifications);
    }

    public void Commit(StateChange change)
    {
        if (change.IsEmpty) return;
        if (!_db.BeginTrans()) throw new InvalidOperationException("a transaction is already open");
        try
        {
            if (change.Settings is { } settings) _db.GetCollection(Settings).Upsert(BsonCodec.FromSettings(settings));
            var profiles = _db.GetCollection(Profiles);
            var packages = _db.GetCollection(Packages);
            foreach (var iccid in change.DeleteProfiles)
            {
                profiles.Delete(iccid.Digits);
                packages.Delete(iccid.Digits);
            }
            foreach (var profile in change.UpsertProfiles) profiles.Upsert(BsonCodec.FromProfile(profile));
            foreach (var (iccid, package) in change.AddPackages)
                packages.Upsert(new BsonDocument { ["_id"] = iccid.Digits, ["data"] = package });
            var notifications = _db.GetCollection(Notifications);
            foreach (var seq in change.RemoveNotifications) notifications.Delete(seq);
            foreach (var n in change.AddNotifications) notifications.Upsert(BsonCodec.FromNotification(n));
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            throw;
        }
    }

    public byte[]? LoadPackage(Iccid iccid) => _db.GetCollection(Packages).FindById(iccid.Digits)?["data"].AsBinary;

    public CardIdentityRecord? LoadIdentity()
    {
        var doc = _db.GetCollection(Identity).FindById("ecasd");
        return doc is null ? null : BsonCodec.ToIdentity(doc);
    }

    public void SaveIdentity(CardIdentityRecord identity) =>
        _db.GetCollection(Identity).Upsert(BsonCodec.FromIdentity(identity));

    public void Dispose()
    {
        _db.Dispose();
        _lock.Dispose();
    }
}

/// <summary>A store that cannot be opened or used; the message is one line naming the file.</summary>
public sealed class StoreException(string message) : Exception(message);
