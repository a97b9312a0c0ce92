using NetDashboard.History.Storage;

namespace NetDashboard.History;

public enum HistoryAvailability
{
    /// <summary>Not opened yet (the app is starting).</summary>
    Starting,
    Available,
    /// <summary>Turned off with <c>NetDashboard:History:Enabled=false</c>.</summary>
    Disabled,
    /// <summary>The database could not be opened; <see cref="HistoryAccess.Reason"/> says why.</summary>
    Unavailable,
}

/// <summary>
/// The one door to the history for the API and the pages: whether it is available (and why not), the store to
/// query, and a notification after each batch the writer commits (so an open timeline refreshes itself).
/// The dashboard runs on without history when the database cannot be opened; while it cannot be written (locked,
/// disk full) history stays readable and <see cref="Problem"/> says why and how many changes wait; a query that
/// fails answers a sentence (<see cref="TryQuery{T}"/>) and logs the exception.
/// </summary>
public sealed class HistoryAccess(ILogger<HistoryAccess>? logger = null)
{
    private readonly ILogger _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    private readonly Lock _gate = new();
    private event Action? Written;

    public HistoryAvailability Status { get; private set; } = HistoryAvailability.Starting;

    /// <summary>One sentence saying why history is not available; null when it is.</summary>
    public string? Reason { get; private set; }

    /// <summary>The store, while <see cref="Status"/> is <see cref="HistoryAvailability.Available"/>.</summary>
    public HistoryStore? Store { get; private set; }

    /// <summary>The database file in use or attempted.</summary>
    public string? DatabasePath { get; private set; }

    public int RetentionDays { get; private set; }

    /// <summary>While writing fails: one sentence saying why and how many changes wait in memory; null otherwise.</summary>
    public string? Problem { get; private set; }

    /// <summary>Changes (rows and events) waiting in memory to be written.</summary>
    public int Waiting { get; private set; }

    /// <summary>Something the user should know once, e.g. that a damaged database was moved aside; null otherwise.</summary>
    public string? Notice { get; private set; }

    public bool IsAvailable => Status == HistoryAvailability.Available && Store is not null;

    /// <summary>The dashboard run whose revisions the writer stores; null before it stored one.</summary>
    public string? RecordingRun { get; private set; }

    /// <summary>The newest revision of <see cref="RecordingRun"/> committed to the database; 0 before the first.</summary>
    public long RecordedRevision { get; private set; }

    internal void SetRecorded(string run, long revision)
    {
        lock (_gate)
        {
            RecordingRun = run;
            RecordedRevision = revision;
        }
    }

    /// <summary>
    /// Waits (at most <paramref name="timeout"/>) until the writer has committed revision <paramref name="revision"/>
    /// or a later one; false when it has not by then (history off, or writing stalls).
    /// </summary>
    public async Task<bool> WaitForRecordedAsync(long revision, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (RecordedRevision >= revision)
        {
            return true;
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = OnWritten(() =>
        {
            if (RecordedRevision >= revision)
            {
                done.TrySetResult();
            }
        });
        if (RecordedRevision >= revision)
        {
            return true;
        }
        try
        {
            await done.Task.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return RecordedRevision >= revision;
        }
    }

    internal void SetAvailable(HistoryStore store, int retentionDays)
    {
        Store = store;
        DatabasePath = store.Database.Path;
        RetentionDays = retentionDays;
        Reason = null;
        Status = HistoryAvailability.Available;
    }

    internal void SetNotice(string notice) => Notice = notice;

    /// <summary>Sets (or clears) why writing fails; an open timeline is told when that changes.</summary>
    internal void SetWriting(string? problem, int waiting)
    {
        var changed = !string.Equals(Problem, problem, StringComparison.Ordinal);
        Problem = problem;
        Waiting = waiting;
        if (changed)
        {
            NotifyWritten();
        }
    }

    /// <summary>
    /// Runs a query on the store; when the database cannot answer, logs the exception and gives one sentence instead.
    /// False (with <paramref name="problem"/> set) also while history is not available.
    /// </summary>
    public bool TryQuery<T>(Func<HistoryStore, T> query, out T? result, out string problem)
    {
        result = default;
        if (Store is not { } store || !IsAvailable)
        {
            problem = Reason ?? "History is starting; try again in a moment.";
            return false;
        }
        try
        {
            result = query(store);
            problem = "";
            return true;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or TimeoutException or HistoryCorruptException)
        {
            problem = HistoryFaults.CannotRead(HistoryFaults.Classify(ex), store.Database.Path);
            _logger.LogWarning(ex, "A history query failed: {Problem}", problem);
            return false;
        }
    }

    internal void SetDisabled()
    {
        Reason = "History is turned off (NetDashboard:History:Enabled is false).";
        Status = HistoryAvailability.Disabled;
    }

    internal void SetUnavailable(string? path, string reason)
    {
        Store = null;
        DatabasePath = path;
        Reason = reason;
        Status = HistoryAvailability.Unavailable;
    }

    /// <summary>Calls <paramref name="onWritten"/> after each committed batch (on the writer's thread: hand over and return).</summary>
    public IDisposable OnWritten(Action onWritten)
    {
        lock (_gate)
        {
            Written += onWritten;
        }
        return new Unsubscriber(() =>
        {
            lock (_gate)
            {
                Written -= onWritten;
            }
        });
    }

    internal void NotifyWritten()
    {
        Action? handlers;
        lock (_gate)
        {
            handlers = Written;
        }
        handlers?.Invoke();
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
