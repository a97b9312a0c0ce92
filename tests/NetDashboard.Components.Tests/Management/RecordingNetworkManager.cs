using System.Collections.Concurrent;
using NetDashboard.Core.Management;

namespace NetDashboard.Components.Tests.Management;

/// <summary>
/// The daemon's side of a write, for component tests of the dialogs only: records what reached it. What a real
/// daemon does with each write is tested against dockerd (Web.Tests/Management, EndToEnd/Access).
/// </summary>
internal sealed class RecordingNetworkManager : INetworkManager
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public Task<string> CreateAsync(string hostId, NetworkCreateRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"create {request.Name}");
        return Task.FromResult(new string('c', 64));
    }

    public Task RemoveAsync(string hostId, string networkId, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"remove {networkId}");
        return Task.CompletedTask;
    }

    public Task ConnectAsync(string hostId, string networkId, string containerId, NetworkConnectRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"connect {containerId} {networkId}");
        return Task.CompletedTask;
    }

    public Task DisconnectAsync(string hostId, string networkId, string containerId, bool force, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"disconnect {containerId} {networkId}");
        return Task.CompletedTask;
    }
}
