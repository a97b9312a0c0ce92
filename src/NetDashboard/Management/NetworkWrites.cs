using System.Security.Claims;
using System.Text.Json;
using NetDashboard.Access;
using NetDashboard.Core.Management;
using NetDashboard.Core.Model;
using NetDashboard.History.Audit;
using NetDashboard.Monitoring;

namespace NetDashboard.Management;

/// <summary>
/// Every network write, for the API and the UI alike, in one sequence: only an operator; the host's topology checked
/// first (every problem at once); then the daemon, one write at a time; then a wait until the topology shows what the
/// daemon did (so the answer and the map agree); and every attempt audited, whatever its outcome.
/// </summary>
public sealed class NetworkWrites(TopologyStore store, INetworkManager manager, AuditLog audit, TimeProvider time)
{
    public const string Create = "network-create";
    public const string Remove = "network-remove";
    public const string Connect = "network-connect";
    public const string Disconnect = "network-disconnect";

    private static readonly TimeSpan SeenWithin = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public Task<WriteResult> CreateAsync(ClaimsPrincipal user, string? host, NetworkCreateRequest request, CancellationToken cancellationToken) =>
        WriteAsync(user, Create, host, request.Name, request, async hostId =>
        {
            if (NetworkCreateValidator.Validate(request, store.Current, hostId) is { } refusal)
            {
                return WriteResult.From(refusal);
            }
            var id = await manager.CreateAsync(hostId, request, cancellationToken);
            var seen = await SeenAsync(t => t.Networks.FirstOrDefault(n => n.Id == id && n.HostId == hostId));
            return new WriteResult(201, null) { Id = id, HostId = hostId, Name = request.Name, Network = seen };
        });

    public Task<WriteResult> RemoveAsync(ClaimsPrincipal user, string? host, string network, CancellationToken cancellationToken) =>
        WriteAsync(user, Remove, host, network, null, async hostId =>
        {
            var (target, refusal) = NetworkChangeValidator.Remove(store.Current, hostId, network);
            if (refusal is not null)
            {
                return WriteResult.From(refusal);
            }
            await manager.RemoveAsync(hostId, target!.Network.Id, cancellationToken);
            await SeenAsync(t => t.Networks.Any(n => n.Id == target.Network.Id) ? null : target);
            return new WriteResult(204, null) { Id = target.Network.Id, HostId = hostId };
        });

    public Task<WriteResult> ConnectAsync(ClaimsPrincipal user, string? host, string network, NetworkConnectRequest request, CancellationToken cancellationToken) =>
        WriteAsync(user, Connect, host, network, request, async hostId =>
        {
            var (target, refusal) = NetworkChangeValidator.Connect(store.Current, hostId, network, request);
            if (refusal is not null)
            {
                return WriteResult.From(refusal);
            }
            await manager.ConnectAsync(hostId, target!.Network.Id, target.Container!.Id, request, cancellationToken);
            await SeenAsync(t => Connected(t, target) ? target : null);
            return new WriteResult(204, null) { Id = target.Network.Id, HostId = hostId };
        });

    public Task<WriteResult> DisconnectAsync(ClaimsPrincipal user, string? host, string network, NetworkDisconnectRequest request, CancellationToken cancellationToken) =>
        WriteAsync(user, Disconnect, host, network, request, async hostId =>
        {
            var (target, refusal) = NetworkChangeValidator.Disconnect(store.Current, hostId, network, request);
            if (refusal is not null)
            {
                return WriteResult.From(refusal);
            }
            await manager.DisconnectAsync(hostId, target!.Network.Id, target.Container!.Id, request.Force, cancellationToken);
            await SeenAsync(t => Connected(t, target) ? null : target);
            return new WriteResult(204, null) { Id = target.Network.Id, HostId = hostId };
        });

    /// <summary>Refuses an attempt that never reached the checks (an unreadable body, a missing antiforgery token), audited.</summary>
    public WriteResult Refuse(ClaimsPrincipal user, string action, string? host, string? target, object? parameters, int status, string detail) =>
        Audited(user, action, host, target, parameters, new WriteResult(status, detail));

    /// <summary>The host a write is for: the one named, or the only one watched.</summary>
    public static (string? HostId, string? Problem) HostOf(TopologySnapshot snapshot, string? host)
    {
        if (host is not null)
        {
            return snapshot.Hosts.Any(h => h.Id == host) ? (host, null) : (null, $"There is no host '{host}' here: the hosts are {string.Join(", ", snapshot.Hosts.Select(h => h.Id))}.");
        }
        return snapshot.Hosts.Length == 1 ? (snapshot.Hosts[0].Id, null) : (null, $"This dashboard watches {snapshot.Hosts.Length} hosts: name one with ?host= ({string.Join(", ", snapshot.Hosts.Select(h => h.Id))}).");
    }

    private async Task<WriteResult> WriteAsync(ClaimsPrincipal user, string action, string? host, string? target, object? parameters, Func<string, Task<WriteResult>> write)
    {
        if (!user.IsInRole(AccessRoles.Operator))
        {
            return Refuse(user, action, host, target, parameters, 403, "Only an operator changes networks: nothing was changed.");
        }
        var (hostId, hostProblem) = HostOf(store.Current, host);
        if (hostProblem is not null)
        {
            return Refuse(user, action, host, target, parameters, 400, hostProblem);
        }
        await _oneAtATime.WaitAsync(CancellationToken.None);
        try
        {
            return Audited(user, action, hostId, target, parameters, await write(hostId!));
        }
        catch (DaemonWriteException ex)
        {
            return Refuse(user, action, hostId, target, parameters, ex.Status, ex.Message);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private WriteResult Audited(ClaimsPrincipal user, string action, string? host, string? target, object? parameters, WriteResult result)
    {
        audit.Record(new AuditEntry
        {
            Time = time.GetUtcNow(),
            User = user.Identity?.Name ?? "anonymous",
            Role = user.IsInRole(AccessRoles.Operator) ? AccessRoles.Operator : AccessRoles.Viewer,
            Action = action,
            Host = host,
            Target = target,
            Parameters = parameters is null ? null : JsonSerializer.Serialize(parameters, JsonSerializerOptions.Web),
            Outcome = result.Succeeded ? "succeeded" : result.Status == 503 ? "failed" : "refused",
            Status = result.Status,
            Detail = result.Detail,
        });
        return result;
    }

    private static bool Connected(TopologySnapshot t, NetworkTarget target) =>
        t.Containers.FirstOrDefault(c => c.Id == target.Container!.Id)?.Endpoints.Any(e => e.NetworkId == target.Network.Id) == true;

    private async Task<T?> SeenAsync<T>(Func<TopologySnapshot, T?> find) where T : class
    {
        try
        {
            var snapshot = await store.WaitForAsync(t => find(t) is not null, SeenWithin, "the write seen in the topology");
            return find(snapshot);
        }
        catch (TimeoutException)
        {
            return null; // done by the daemon; the topology will show it with the next read
        }
    }
}
