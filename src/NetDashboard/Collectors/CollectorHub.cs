using Microsoft.AspNetCore.SignalR;

namespace NetDashboard.Collectors;

/// <summary>
/// Where collectors connect (authenticated by <see cref="CollectorTokenAuthentication"/>): each connection is attached to
/// the one host its token names, and what it sends is handed to that host's <see cref="CollectorHostObserver"/>.
/// </summary>
public sealed class CollectorHub(CollectorRegistry registry, IHubContext<CollectorHub> hub, TimeProvider time) : Hub
{
    private const string SessionKey = "nd-collector-session";

    public override Task OnConnectedAsync()
    {
        var hostId = Context.User?.FindFirst(CollectorTokenAuthentication.HostClaim)?.Value;
        if (hostId is null || registry.Find(hostId) is not { } observer)
        {
            Context.Abort();
            return Task.CompletedTask;
        }
        var connectionId = Context.ConnectionId;
        var remote = Context.GetHttpContext()?.Connection.RemoteIpAddress;
        var session = new CollectorSession(connectionId, remote?.IsIPv4MappedToIPv6 == true ? remote.MapToIPv4().ToString() : remote?.ToString(),
            Context.Abort, () => hub.Clients.Client(connectionId).SendAsync(CollectorProtocol.Resync), time.GetUtcNow());
        Context.Items[SessionKey] = (observer, session);
        observer.Attach(session);
        return Task.CompletedTask;
    }

    /// <summary>A full observation of the collector's host.</summary>
    public void Publish(CollectorEnvelope envelope)
    {
        if (Session() is var (observer, session))
        {
            observer.Receive(session, envelope);
        }
    }

    /// <summary>The collector is alive.</summary>
    public void Beat()
    {
        if (Session() is var (observer, session))
        {
            observer.Beat(session);
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Session() is var (observer, session))
        {
            observer.Detach(session, exception is null ? "closed its connection" : "lost its connection");
        }
        return Task.CompletedTask;
    }

    private (CollectorHostObserver, CollectorSession)? Session() =>
        Context.Items.TryGetValue(SessionKey, out var value) && value is (CollectorHostObserver observer, CollectorSession session) ? (observer, session) : null;
}
