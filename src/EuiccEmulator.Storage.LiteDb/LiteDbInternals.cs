using System.Reflection;
using LiteDB;

namespace EuiccEmulator.Storage.LiteDb;

/// <summary>
/// What the store needs of LiteDB 5.0.x that it keeps internal, reached by reflection in this one place: the log
/// writer's queue (one write and one fsync per commit) and the open transactions (none finalized after its engine).
/// With another LiteDB shape each falls back to public behaviour, as its remarks say.
/// </summary>
internal static class LiteDbInternals
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

    /// <summary>
    /// Disposes <paramref name="db"/> so that none of its transactions is finalized afterwards.
    /// </summary>
    /// <remarks>
    /// LiteDB 5.0.x gives each transaction a finalizer that hands its pages back to the engine's page cache. A
    /// transaction whose rollback or dispose failed (a damaged page, a failed write) stays undisposed in the engine's
    /// transaction monitor; disposing the engine tries again, and if that fails too the finalizer later releases pages
    /// of a cache that is gone, throws on the finalizer thread and ends the process. The pages it would release die
    /// with the engine, so the finalizers of every transaction still listed when the engine is disposed are
    /// suppressed (LiteDatabase._engine._monitor.Transactions); with another shape nothing is suppressed.
    /// </remarks>
    public static void Dispose(LiteDatabase db)
    {
        var transactions = Transactions(db);
        try
        {
            db.Dispose();
        }
        finally
        {
            foreach (var transaction in transactions) GC.SuppressFinalize(transaction);
        }
    }

    /// <summary>
    /// LiteDB 5.0.x keeps its log writer internal: LiteDatabase._engine (LiteEngine) ._disk (DiskService) .Queue
    /// (Lazy&lt;DiskWriterQueue&gt;) .Value.Wait() returns once every enqueued log page has been written, but never
    /// when the writer died on a failed write (ENOSPC, EIO, EROFS). So Wait runs aside and the drain throws an
    /// IOException as soon as the queue's _exception or its writer task shows the failure. Null when the shape differs
    /// (another LiteDB version): commits then checkpoint, which waits and syncs.
    /// </summary>
    public static Action? LogDrain(LiteDatabase db)
    {
        try
        {
            var engine = Engine(db);
            var disk = engine?.GetType().GetField("_disk", Instance)?.GetValue(engine);
            var lazy = disk?.GetType().GetProperty("Queue", Instance)?.GetValue(disk);
            var valueProperty = lazy?.GetType().GetProperty("Value");
            var queueType = valueProperty?.PropertyType;
            var task = queueType?.GetField("_task", Instance);
            var exception = queueType?.GetField("_exception", Instance);
            if (valueProperty is null || task?.FieldType != typeof(Task)
                || exception?.FieldType != typeof(Exception))
            {
                return null;
            }

            var wait = queueType!.GetMethod("Wait", Instance, Type.EmptyTypes);
            if (wait is null) return null;
            return () =>
            {
                var queue = valueProperty.GetValue(lazy);
                // LiteDB's Wait also starts its writer when pages are pending, so it is the call that drains; it runs
                // aside, because it never returns once the writer died on a failed write.
                // A pool thread, not a thread of its own per commit: a commit is one fsync, a new thread would cost more.
                var waiting = Task.Run(() => wait.Invoke(queue, null));
                while (!waiting.Wait(TimeSpan.FromMilliseconds(20)))
                {
                    var writer = (Task?)task.GetValue(queue);
                    var failed = (Exception?)exception.GetValue(queue) ?? writer?.Exception?.GetBaseException();
                    if (failed is not null) throw new IOException("the log writer failed: " + failed.Message, failed);
                }
                if (waiting.Exception?.GetBaseException() is { } error)
                    throw error as IOException ?? new IOException("the log writer failed: " + error.Message, error);
            };
        }
        catch (Exception e) when (e is TargetInvocationException or MemberAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>LiteDatabase._engine (the LiteEngine), or null if the shape differs.</summary>
    private static object? Engine(LiteDatabase db) => typeof(LiteDatabase).GetField("_engine", Instance)?.GetValue(db);

    /// <summary>The transactions the engine still lists (open, or failed to end), or none if the shape differs.</summary>
    private static object[] Transactions(LiteDatabase db)
    {
        try
        {
            var engine = Engine(db);
            var monitor = engine?.GetType().GetField("_monitor", Instance)?.GetValue(engine);
            var listed = monitor?.GetType().GetProperty("Transactions", Instance)?.GetValue(monitor);
            return listed is System.Collections.IEnumerable items ? items.Cast<object>().ToArray() : [];
        }
        catch (Exception e) when (e is TargetInvocationException or MemberAccessException or InvalidOperationException)
        {
            return [];
        }
    }
}
