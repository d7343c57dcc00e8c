using System.Reflection;
using LiteDB;

namespace EuiccEmulator.Storage.LiteDb;

/// <summary>
/// Disposes a LiteDB instance so that none of its transactions is finalized afterwards.
/// </summary>
/// <remarks>
/// LiteDB 5.0.x gives each transaction a finalizer that hands its pages back to the engine's page cache. A
/// transaction whose rollback or dispose failed (a damaged page, a failed write) stays undisposed in the engine's
/// transaction monitor; disposing the engine tries again, and if that fails too the finalizer later releases pages of
/// a cache that is gone, throws on the finalizer thread and ends the process. The pages it would release die with the
/// engine, so the finalizers of every transaction still listed when the engine is disposed are suppressed. Reached by
/// reflection (LiteDatabase._engine._monitor.Transactions, internal in 5.0.x); with another shape nothing is suppressed.
/// </remarks>
internal static class LiteDbShutdown
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

    /// <summary>Disposes <paramref name="db"/>; no transaction of it is finalized later.</summary>
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

    /// <summary>The transactions the engine still lists (open, or failed to end), or none if the shape differs.</summary>
    private static object[] Transactions(LiteDatabase db)
    {
        try
        {
            var engine = typeof(LiteDatabase).GetField("_engine", Instance)?.GetValue(db);
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
