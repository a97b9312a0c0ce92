namespace NetDashboard.Collectors;

/// <summary>One connection of a collector: how to end it, ask it for a re-read, and when it was last heard from.</summary>
public sealed class CollectorSession(string connectionId, string? remoteAddress, Action abort, Func<Task> requestResync, DateTimeOffset now)
{
    private long _lastHeardTicks = now.UtcTicks;

    public string ConnectionId { get; } = connectionId;

    /// <summary>The collector's address as the dashboard sees it (shown with the host's endpoint).</summary>
    public string? RemoteAddress { get; } = remoteAddress;

    public DateTimeOffset LastHeard => new(Interlocked.Read(ref _lastHeardTicks), TimeSpan.Zero);

    public void Heard(DateTimeOffset at) => Interlocked.Exchange(ref _lastHeardTicks, at.UtcTicks);

    public void Abort() => abort();

    public Task RequestResyncAsync() => requestResync();
}
