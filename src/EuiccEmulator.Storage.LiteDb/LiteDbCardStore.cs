using EuiccEmulator.Rsp.Values;
using EuiccEmulator.State;
using LiteDB;

namespace EuiccEmulator.Storage.LiteDb;

/// <summary>How a <see cref="LiteDbCardStore"/> uses its LiteDB instance between commands.</summary>
public sealed record LiteDbStoreOptions
{
    /// <summary>Idle checkpoint after 2 s; the file stays open.</summary>
    public static LiteDbStoreOptions Default { get; } = new();

    /// <summary>
    /// After this long without a store call, the log is checkpointed into the data pages (off the response path).
    /// </summary>
    public TimeSpan IdleCheckpoint { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Hosting many cards: open LiteDB only when a call needs it and close it (after a checkpoint) once idle for
    /// <see cref="IdleCheckpoint"/>. An idle card then holds no LiteDB engine, cache or file handle, only its lock
    /// file. A store file that does not exist yet is created by the first write.
    /// </summary>
    public bool ReleaseWhenIdle { get; init; }
}

/// <summary>
/// A durable card store in one LiteDB file. Each <see cref="Commit"/> is one LiteDB transaction whose log pages are
/// on disk (fsync) before Commit returns; a lock file held for the store's lifetime refuses a second process on the
/// same store.
/// </summary>
/// <remarks>
/// Checkpoint policy. LiteDB 5 appends every transaction to the log region of the file and, by default, copies the
/// log back into the data pages ("checkpoint") inside the commit that makes the log exceed 1000 pages, i.e. on some
/// unlucky command's response path (tens of milliseconds for a large log). Here auto-checkpoint is off
/// (<c>CHECKPOINT = 0</c>); the store checkpoints itself when it has been idle for
/// <see cref="LiteDbStoreOptions.IdleCheckpoint"/>, after opening and on close. Durability does not depend on the
/// checkpoint: a committed transaction lives in the log, which LiteDB replays on open.
/// <para>
/// Durability. LiteDB 5.0.20 hands the log pages of a commit to a background writer and returns before they are
/// written, let alone synced; on a file of its own that writer fsyncs each time its queue runs empty, in practice after
/// every page (five fsyncs for a small change). Here LiteDB runs on streams the store opens: after each LiteDB commit
/// the store waits for that writer's queue to drain into the log stream, which then writes the transaction's pages
/// with one call and fsyncs once: the transaction is on disk before <see cref="Commit"/> returns, as
/// <see cref="ICardStore"/> promises, with one fsync per commit. The data file fsyncs on every flush LiteDB asks for
/// (checkpoints, off the command path). Without the internal hook (another LiteDB version) it falls back to a full
/// checkpoint per commit: slower, still durable.
/// </para>
/// </remarks>
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

    private readonly FileStream _lock;
    private readonly LiteDbStoreOptions _options;
    private readonly Lock _gate = new();
    private readonly Timer _idle;
    private LiteDatabase? _db;
    private LogFileStream? _log;
    private Action? _drainLog;
    private bool _dirtyLog;
    private bool _disposed;

    private LiteDbCardStore(string path, FileStream lockFile, LiteDbStoreOptions options)
    {
        Path = path;
        _lock = lockFile;
        _options = options;
        _idle = new Timer(_ => OnIdle(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The store file's full path.</summary>
    public string Path { get; }

    /// <summary>Durable LiteDB transactions committed by this instance (state changes and identity saves).</summary>
    public int Commits { get; private set; }

    /// <summary>fsync calls on the log by commits since the LiteDB file was last opened (one per durable commit).</summary>
    internal int LogSyncs
    {
        get
        {
            lock (_gate) return _log?.Syncs ?? 0;
        }
    }

    /// <summary>Times this instance opened the LiteDB file (1 unless it releases it when idle).</summary>
    public int Opens { get; private set; }

    /// <summary>Whether a LiteDB engine is open right now.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate) return _db is not null;
        }
    }

    /// <summary>Opens or creates the store; refuses a store in use or of an unknown schema.</summary>
    /// <exception cref="StoreException">with a one-line reason naming the file.</exception>
    public static LiteDbCardStore Open(string path, LiteDbStoreOptions? options = null)
    {
        options ??= LiteDbStoreOptions.Default;
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"{full}: cannot create its directory ({e.Message.ReplaceLineEndings(" ")})");
        }
        var lockFile = AcquireLock(full);
        var store = new LiteDbCardStore(full, lockFile, options);
        try
        {
            // Under the lock, before LiteDB touches the file: a damaged file is refused and left as it was.
            if (File.Exists(full) || Directory.Exists(full)) StoreValidator.Validate(full, SchemaVersion);
            // A lazy store still checks an existing file at once, so that a foreign or damaged file is refused here.
            if (!options.ReleaseWhenIdle || File.Exists(full))
            {
                lock (store._gate)
                {
                    store.Database();
                    store.Checkpoint(); // replay a log left by a crash into the data pages before serving
                }
                store.ArmIdle();
            }
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static FileStream AcquireLock(string full)
    {
        var lockPath = full + ".lock";
        try
        {
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(lockPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            WritePid(full);
            return stream;
        }
        catch (IOException)
        {
            throw new StoreException($"{full}: the store is in use by another process{Holder(full)}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new StoreException($"{lockPath}: no permission to lock the store");
        }
    }

    /// <summary>Beside the lock: the holder's process id, for the refusal a second process prints.</summary>
    /// <remarks>The lock file itself cannot be read while it is held (the lock refuses every other opener).</remarks>
    public static string PidPath(string storePath) => System.IO.Path.GetFullPath(storePath) + ".pid";

    private static void WritePid(string full)
    {
        // Written aside and renamed: a second process never reads a created but still empty PID file.
        var pid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var aside = PidPath(full) + "." + pid;
        try
        {
            File.WriteAllText(aside, pid + "\n");
            File.Move(aside, PidPath(full), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only the refusal message of a second process loses its PID.
        }
    }

    /// <summary>" (pid 1234)" when the PID file names a running process, else nothing.</summary>
    private static string Holder(string full)
    {
        try
        {
            var text = File.ReadAllText(PidPath(full)).Trim();
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid))
                return "";
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited ? "" : $" (pid {pid}{Verb(pid)})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return "";
        }
    }

    /// <summary>", euicc-emu serve" when the holder is this program (Linux: its command line), else nothing.</summary>
    private static string Verb(int pid)
    {
        var cmdline = $"/proc/{pid}/cmdline";
        if (!File.Exists(cmdline)) return "";
        var args = File.ReadAllText(cmdline).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var program = Array.FindIndex(args, a => System.IO.Path.GetFileNameWithoutExtension(a) == "euicc-emu");
        return program >= 0 && program + 1 < args.Length ? $", euicc-emu {args[program + 1]}" : "";
    }

    /// <summary>The open LiteDB instance, opening it if needed; call under <see cref="_gate"/>.</summary>
    private LiteDatabase Database()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_db is not null) return _db;
        LiteDatabase? db = null;
        try
        {
            var existed = File.Exists(Path);
            // LiteDB on streams the store opens: LiteDB's own log writer fsyncs after every page it appends (four or
            // more per transaction); this log stream leaves the one write and fsync per commit to Durable.
            var log = new LogFileStream(LogPath);
            _log = log;
            db = new LiteDatabase(new DataFileStream(Path), logStream: log);
            if (!existed && !OperatingSystem.IsWindows()) File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            CheckSchema(db, Path);
            // No checkpoint inside a commit; see the remarks on the class.
            if (db.CheckpointSize != 0) db.CheckpointSize = 0;
            _drainLog = LiteDbInternals.LogDrain(db);
            _db = db;
            Opens++;
            if (!existed) Durable();
            return db;
        }
        catch (Exception e) when (e is IOException || IsDamage(e))
        {
            Close(db);
            throw new StoreException($"{Path}: not a readable card store ({e.Message.ReplaceLineEndings(" ")})");
        }
        catch
        {
            Close(db);
            throw;
        }
    }

    /// <summary>
    /// LiteDB reports a damaged or foreign file with almost any exception type: its own, and whatever its page code
    /// hits on bytes it did not expect (an index out of range while formatting a size, an invalid cast, ...). A failed
    /// read or write (IOException) is the disk's, not the file's, and stays what it is.
    /// </summary>
    private static bool IsDamage(Exception e)
        => e is not (StoreException or IOException or OutOfMemoryException or ObjectDisposedException);

    private void Close(LiteDatabase? db)
    {
        _db = null;
        _drainLog = null;
        var log = _log;
        _log = null;
        if (db is not null) LiteDbInternals.Dispose(db);
        log?.Dispose();
        // LiteDB deletes an empty log file it opened itself, not one it was given: keep the store one file at rest.
        try
        {
            if (File.Exists(LogPath) && new FileInfo(LogPath).Length == 0) File.Delete(LogPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // an empty log left behind is harmless: LiteDB reads it as no log
        }
    }

    /// <summary>After a failed commit: drops the instance (its memory holds a commit the file lacks) so the next call reopens.</summary>
    private void CloseBroken()
    {
        var db = _db;
        var log = _log;
        _db = null;
        _log = null;
        _drainLog = null;
        _dirtyLog = false;
        try
        {
            log?.Dispose();
            if (db is not null) LiteDbInternals.Dispose(db);
        }
#pragma warning disable CA1031 // a broken instance may fail again on close; the file is reopened either way
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }

    /// <summary>LiteDB 5 keeps its write-ahead log beside the data file: card.db logs to card-log.db.</summary>
    private string LogPath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!,
        System.IO.Path.GetFileNameWithoutExtension(Path) + "-log" + System.IO.Path.GetExtension(Path));

    /// <summary>Makes everything LiteDB has committed so far durable; call under <see cref="_gate"/> after a commit.</summary>
    private void Durable()
    {
        if (_drainLog is null || _log is null)
        {
            _db!.Checkpoint();
            return;
        }
        try
        {
            // Every page of the transaction handed to the log stream, then one write and one fsync of them.
            _drainLog();
            _log.Sync();
        }
        catch (IOException)
        {
            // LiteDB holds the transaction as committed in memory, but not on disk: drop the instance, so the next
            // call reopens the file and reads what is really there (the log replay skips the unfinished commit).
            CloseBroken();
            throw;
        }
        _dirtyLog = true;
    }

    /// <summary>The document a new store's meta collection starts with (the validator writes it into its copy too).</summary>
    internal static BsonDocument SchemaDocument(int version) => new() { ["_id"] = "schema", ["version"] = version };

    private static void CheckSchema(LiteDatabase db, string full)
    {
        var meta = db.GetCollection(Meta);
        var doc = meta.FindById("schema");
        if (doc is null)
        {
            var empty = db.GetCollectionNames().All(n => n == Meta);
            if (!empty) throw new StoreException($"{full}: no schema version: not a card store");
            meta.Insert(SchemaDocument(SchemaVersion));
            return;
        }
        var version = doc["version"].AsInt32;
        if (version != SchemaVersion)
            throw new StoreException($"{full}: schema version {version} is not supported (this build reads {SchemaVersion})");
    }

    /// <inheritdoc />
    public CardSnapshot Load()
    {
        try
        {
            lock (_gate)
            {
                if (_options.ReleaseWhenIdle && _db is null && !File.Exists(Path)) return new CardSnapshot(new CardSettings(), [], []);
                var db = Database();
                var settingsDoc = db.GetCollection(Settings).FindById("card");
                var settings = settingsDoc is null ? new CardSettings() : BsonCodec.ToSettings(settingsDoc);
                var profiles = db.GetCollection(Profiles).FindAll().Select(BsonCodec.ToProfile).ToList();
                var notifications = db.GetCollection(Notifications).FindAll().Select(BsonCodec.ToNotification)
                    .OrderBy(n => n.SeqNumber).ToList();
                return new CardSnapshot(settings, profiles, notifications);
            }
        }
        // A page damaged at rest surfaces while reading documents: refuse the store like an unreadable file.
        catch (Exception e) when (IsDamage(e))
        {
            throw new StoreException($"{Path}: damaged ({e.Message.ReplaceLineEndings(" ")})");
        }
        finally
        {
            ArmIdle();
        }
    }

    /// <inheritdoc />
    public void Commit(StateChange change)
    {
        if (change.IsEmpty) return;
        try
        {
            lock (_gate)
            {
                var db = Database();
                if (!db.BeginTrans()) throw new InvalidOperationException("a transaction is already open");
                try
                {
                    if (change.Settings is { } settings) db.GetCollection(Settings).Upsert(BsonCodec.FromSettings(settings));
                    var profiles = db.GetCollection(Profiles);
                    var packages = db.GetCollection(Packages);
                    foreach (var iccid in change.DeleteProfiles)
                    {
                        profiles.Delete(iccid.Digits);
                        packages.Delete(iccid.Digits);
                    }
                    foreach (var profile in change.UpsertProfiles) profiles.Upsert(BsonCodec.FromProfile(profile));
                    foreach (var (iccid, package) in change.AddPackages)
                        packages.Upsert(new BsonDocument { ["_id"] = iccid.Digits, ["data"] = package });
                    var notifications = db.GetCollection(Notifications);
                    foreach (var seq in change.RemoveNotifications) notifications.Delete(seq);
                    foreach (var n in change.AddNotifications) notifications.Upsert(BsonCodec.FromNotification(n));
                    db.Commit();
                }
                catch
                {
                    db.Rollback();
                    throw;
                }
                Durable();
                Commits++;
            }
        }
        finally
        {
            ArmIdle();
        }
    }

    /// <inheritdoc />
    public byte[]? LoadPackage(Iccid iccid)
    {
        try
        {
            lock (_gate)
            {
                if (_options.ReleaseWhenIdle && _db is null && !File.Exists(Path)) return null;
                return Database().GetCollection(Packages).FindById(iccid.Digits)?["data"].AsBinary;
            }
        }
        // A page damaged at rest surfaces while reading documents: refuse the store like an unreadable file.
        catch (Exception e) when (IsDamage(e))
        {
            throw new StoreException($"{Path}: damaged ({e.Message.ReplaceLineEndings(" ")})");
        }
        finally
        {
            ArmIdle();
        }
    }

    /// <inheritdoc />
    public CardIdentityRecord? LoadIdentity()
    {
        try
        {
            lock (_gate)
            {
                if (_options.ReleaseWhenIdle && _db is null && !File.Exists(Path)) return null;
                var doc = Database().GetCollection(Identity).FindById("ecasd");
                return doc is null ? null : BsonCodec.ToIdentity(doc);
            }
        }
        finally
        {
            ArmIdle();
        }
    }

    /// <inheritdoc />
    public void SaveIdentity(CardIdentityRecord identity)
    {
        try
        {
            lock (_gate)
            {
                Database().GetCollection(Identity).Upsert(BsonCodec.FromIdentity(identity));
                Durable();
                Commits++;
            }
        }
        finally
        {
            ArmIdle();
        }
    }

    /// <summary>Copies the log into the data pages now (the idle timer does this on its own).</summary>
    public void Checkpoint()
    {
        lock (_gate)
        {
            if (_db is null) return;
            _db.Checkpoint();
            _dirtyLog = false;
        }
    }

    private void ArmIdle()
    {
        if (_options.IdleCheckpoint <= TimeSpan.Zero) return;
        try
        {
            _idle.Change(_options.IdleCheckpoint, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // disposed concurrently: nothing left to checkpoint
        }
    }

    private void OnIdle()
    {
        lock (_gate)
        {
            if (_disposed || _db is null) return;
            try
            {
                if (_dirtyLog) Checkpoint();
                if (_options.ReleaseWhenIdle) Close(_db);
            }
#pragma warning disable CA1031 // a failed background checkpoint is retried on close; the log keeps the data safe
            catch (Exception)
            {
            }
#pragma warning restore CA1031
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _idle.Dispose();
            try
            {
                if (_db is not null && _dirtyLog) _db.Checkpoint();
            }
            finally
            {
                Close(_db);
                // Before the lock goes: a next holder's PID file is never the one deleted.
                try
                {
                    File.Delete(PidPath(Path));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A stale PID file is harmless: it is only read while the lock is held, and checked for a running process.
                }
                _lock.Dispose();
            }
        }
    }
}

/// <summary>A store that cannot be opened or used; the message is one line naming the file.</summary>
public sealed class StoreException(string message) : Exception(message);
