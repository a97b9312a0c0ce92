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
/// The dashboard runs on without history when the database cannot be opened.
/// </summary>
public sealed class HistoryAccess
{
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

    public bool IsAvailable => Status == HistoryAvailability.Available && Store is not null;

    internal void SetAvailable(HistoryStore store, int retentionDays)
    {
        Store = store;
        DatabasePath = store.Database.Path;
        RetentionDays = retentionDays;
        Reason = null;
        Status = HistoryAvailability.Available;
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
