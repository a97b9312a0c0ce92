using NetDashboard.History.Reconciling;
using NetDashboard.History.Storage;

namespace NetDashboard.History;

/// <summary>
/// Opens the history database for the <see cref="HistoryWriter"/>: the first usable candidate path, its state loaded,
/// a damaged file moved aside and a new one started (said once, in <see cref="HistoryAccess.Notice"/> and the log).
/// When none can be opened it says why once; <see cref="WorthRetrying"/> tells whether waiting may help (a lock, a
/// full disk).
/// </summary>
internal sealed class HistoryOpener(HistoryPaths paths, HistoryAccess access, TimeProvider time, ILogger logger, string? connectionString = null)
{
    private string? _reported;

    /// <summary>The last attempt failed for a reason that may pass by itself.</summary>
    public bool WorthRetrying { get; private set; }

    public (HistoryStore Store, HistoryState State)? TryOpen(int retentionDays)
    {
        var shared = !string.IsNullOrWhiteSpace(connectionString);
        var candidates = shared ? [connectionString!] : paths.DatabasePathCandidates;
        string? reason = null;
        Exception? failure = null;
        foreach (var candidate in candidates)
        {
            try
            {
                var store = new HistoryStore(shared ? HistoryDatabase.OpenPostgres(candidate) : HistoryDatabase.Open(candidate, time));
                HistoryState state;
                try
                {
                    state = store.LoadState();
                }
                catch (Exception ex) when (HistoryFaults.Classify(ex) == HistoryFaultKind.Corrupt)
                {
                    store = new HistoryStore(HistoryDatabase.StartOver(store.Database.Path, time, ex));
                    state = store.LoadState();
                }
                if (reason is not null)
                {
                    logger.LogWarning("{Reason} Using {Path} instead.", reason, store.Database.Path);
                }
                Announce(store, retentionDays);
                logger.LogInformation("History: {Path}, {Open} open assignments, kept {Days} days.", store.Database.Path, state.Open.Count, retentionDays);
                WorthRetrying = false;
                return (store, state);
            }
            catch (Exception ex)
            {
                failure ??= ex;
                reason ??= ex is HistoryUnavailableException ? ex.Message : HistoryFaults.CannotOpen(HistoryFaults.Classify(ex), shared ? HistoryDatabase.DescribePostgres(candidate) : candidate);
            }
        }
        // A lock or a full disk may pass; so may a PostgreSQL server that does not answer yet.
        WorthRetrying = HistoryFaults.Classify(failure!) is HistoryFaultKind.Locked or HistoryFaultKind.Full || (shared && HistoryFaults.Classify(failure!) == HistoryFaultKind.Other);
        var sentence = WorthRetrying
            ? $"{reason} History starts as soon as it can be opened (tried every {HistoryWriter.MaxRetryInterval.TotalSeconds:0} s); the live view is not affected."
            : $"{reason} The dashboard runs on without history.";
        if (sentence != _reported)
        {
            logger.LogError(failure, "{Reason}", sentence);
            _reported = sentence;
        }
        access.SetUnavailable(shared ? HistoryDatabase.DescribePostgres(candidates[0]) : candidates[0], sentence);
        return null;
    }

    /// <summary>The database went bad while in use: moves it aside and starts a new one; null (history unavailable) when impossible.</summary>
    public HistoryStore? StartOver(string path, Exception damage, int retentionDays)
    {
        try
        {
            var store = new HistoryStore(HistoryDatabase.StartOver(path, time, damage));
            Announce(store, retentionDays);
            return store;
        }
        catch (Exception ex)
        {
            var reason = (ex is HistoryUnavailableException ? ex.Message : HistoryFaults.CannotOpen(HistoryFaults.Classify(ex), path))
                         + " The dashboard runs on without history.";
            logger.LogError(ex, "{Reason}", reason);
            access.SetUnavailable(path, reason);
            return null;
        }
    }

    /// <summary>What the database holds now, or null (logged) when it cannot be read.</summary>
    public HistoryState? Reload(HistoryStore store)
    {
        try
        {
            return store.LoadState();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "History could not reload its state; it starts from the next topology.");
            return null;
        }
    }

    private void Announce(HistoryStore store, int retentionDays)
    {
        access.SetAvailable(store, retentionDays);
        if (store.Database.SetAside is { } aside)
        {
            logger.LogWarning(aside.Damage, "{Notice}", aside.Sentence);
            access.SetNotice(aside.Sentence);
        }
    }
}
