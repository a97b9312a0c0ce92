using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;

namespace NetDashboard.Replicas;

/// <summary>
/// SignalR's Redis backplane for one hub, made to survive Redis being away: a message to a connection of another
/// replica, a group or everyone goes through Redis, as the backplane does; a message to a connection of this
/// replica is written to it directly (kept in this class's own store, so that holds even when the backplane never
/// reached Redis), so the topology hub — which only ever writes to its own connections, through each connection's
/// ordered queue — keeps working without Redis. While Redis is unreachable a new connection is still accepted (its
/// Redis subscription is given up after a short wait, logged), instead of failing as the plain backplane's would.
/// </summary>
public sealed class ReplicaHubLifetimeManager<THub>(RedisHubLifetimeManager<THub> redis, ILogger<ReplicaHubLifetimeManager<THub>> logger)
    : HubLifetimeManager<THub>, IDisposable where THub : Hub
{
    private static readonly TimeSpan RedisWait = TimeSpan.FromSeconds(2);

    private readonly HubConnectionStore _local = new();

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        _local.Add(connection);
        try
        {
            await redis.OnConnectedAsync(connection).WaitAsync(RedisWait);
        }
        catch (Exception ex) // Redis away, or the backplane never reached it: this replica serves the connection alone
        {
            logger.LogDebug("Hub connection {ConnectionId} has no Redis subscription ({Reason}); it is served by this replica alone.", connection.ConnectionId, ex.GetType().Name);
        }
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _local.Remove(connection);
        try
        {
            await redis.OnDisconnectedAsync(connection).WaitAsync(RedisWait);
        }
        catch (Exception ex) // Redis away, or the backplane never reached it: this replica serves the connection alone
        {
            logger.LogDebug("Hub connection {ConnectionId} left while Redis was away ({Reason}).", connection.ConnectionId, ex.GetType().Name);
        }
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        redis.SendAllAsync(methodName, args, cancellationToken);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        redis.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken);

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _local[connectionId] is { } local
            ? local.WriteAsync(new Microsoft.AspNetCore.SignalR.Protocol.InvocationMessage(methodName, args), cancellationToken).AsTask()
            : redis.SendConnectionAsync(connectionId, methodName, args, cancellationToken);

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        redis.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken);

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        redis.SendGroupAsync(groupName, methodName, args, cancellationToken);

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        redis.SendGroupsAsync(groupNames, methodName, args, cancellationToken);

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        redis.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken);

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        redis.SendUserAsync(userId, methodName, args, cancellationToken);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        redis.SendUsersAsync(userIds, methodName, args, cancellationToken);

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        redis.AddToGroupAsync(connectionId, groupName, cancellationToken);

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        redis.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);

    public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken) =>
        redis.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken);

    public override Task SetConnectionResultAsync(string connectionId, Microsoft.AspNetCore.SignalR.Protocol.CompletionMessage result) =>
        redis.SetConnectionResultAsync(connectionId, result);

    public override bool TryGetReturnType(string invocationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
        redis.TryGetReturnType(invocationId, out type);

    public void Dispose() => redis.Dispose();
}
