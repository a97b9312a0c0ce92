using Microsoft.AspNetCore.SignalR;

namespace NetDashboard.Hubs;

/// <summary>
/// <c>/hubs/topology</c>: <c>Snapshot</c> right after connect, then <c>Changed</c> in revision order, <c>Resync()</c> on request.
/// Nothing is sent through <c>Clients.All</c> or groups: every message goes through the connection's own bounded
/// queue in <see cref="TopologyHubPublisher"/>, which is what keeps a slow client from delaying the others.
/// </summary>
public sealed class TopologyHub(TopologyHubPublisher publisher, TrafficHubPublisher traffic) : Hub<ITopologyClient>
{
    public const string Path = "/hubs/topology";

    public override Task OnConnectedAsync()
    {
        publisher.Attach(Context.ConnectionId);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        publisher.Detach(Context.ConnectionId);
        traffic.Detach(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>Answers with a fresh <c>Snapshot</c> (queued behind nothing: the connection's pending deltas are dropped).</summary>
    public void Resync() => publisher.Resync(Context.ConnectionId);

    /// <summary>From now on the connection gets <c>Traffic</c>: the current document at once, then each change, at most once per second.</summary>
    public void SubscribeTraffic() => traffic.Subscribe(Context.ConnectionId);

    /// <summary>Stops the connection's <c>Traffic</c> messages.</summary>
    public void UnsubscribeTraffic() => traffic.Detach(Context.ConnectionId);
}
