using System.Collections.Concurrent;
using NetDashboard.History;
using NetDashboard.History.Audit;

namespace NetDashboard.Management;

/// <summary>
/// The audit log of write attempts: kept in the history database when it is available (pruned with its retention),
/// and always in memory too (the newest 1,000), so an attempt is never lost from view and the log still answers while
/// the database cannot. A failure to write the database is logged, with the entry.
/// </summary>
public sealed class AuditLog(HistoryAccess history, TimeProvider time, ILogger<AuditLog> logger)
{
    public const int MemoryLimit = 1000;

    private readonly ConcurrentQueue<AuditEntry> _recent = new();
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    public void Record(AuditEntry entry)
    {
        _recent.Enqueue(entry);
        while (_recent.Count > MemoryLimit && _recent.TryDequeue(out _))
        {
        }
        logger.LogInformation("Audit: {User} ({Role}) {Action} {Target} on {Host}: {Outcome} ({Status}).",
            entry.User, entry.Role, entry.Action, entry.Target, entry.Host, entry.Outcome, entry.Status);
        if (history.Store?.Database is not { } database || !history.IsAvailable)
        {
            return;
        }
        try
        {
            var store = new AuditStore(database);
            store.Append(entry);
            if (entry.Time - _lastPrune > TimeSpan.FromHours(1))
            {
                _lastPrune = entry.Time;
                store.Prune(time.GetUtcNow().AddDays(-Math.Max(1, history.RetentionDays)));
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The audit entry could not be written to the history database; it is kept in memory.");
        }
    }

    /// <summary>The newest entries first: from the database when it answers, else those kept in memory.</summary>
    public IReadOnlyList<AuditEntry> Recent(int limit)
    {
        if (history.IsAvailable && history.Store?.Database is { } database)
        {
            try
            {
                return new AuditStore(database).Recent(limit);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The audit log could not be read from the history database; answering from memory.");
            }
        }
        return [.. _recent.Reverse().Take(limit)];
    }
}
