using Microsoft.AspNetCore.Components;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Model;
using NetDashboard.Insight;
using NetDashboard.Monitoring;

namespace NetDashboard.Components.Nat;

/// <summary>
/// Loads a container's <see cref="NatPath"/> through <see cref="NatPathService"/> (which may read the kernel's nat
/// table) without holding up the page: a progress bar while it runs, the previous answer kept meanwhile, an error as
/// one sentence. It loads again only when what the path depends on changes (ports, addresses, mode, state).
/// </summary>
public partial class NatPathSection : IDisposable
{
    private CancellationTokenSource? _cts;
    private string? _key;
    private bool _loading;
    private string? _error;
    private NatPath? _path;

    [Inject] public required NatPathService Nat { get; init; }

    [Inject] public required TopologyStore Store { get; init; }

    [Parameter, EditorRequired] public required ContainerInfo Container { get; set; }

    /// <summary>The topology the container belongs to; default: the store's current one.</summary>
    [Parameter] public TopologySnapshot? Snapshot { get; set; }

    protected override void OnParametersSet()
    {
        var snapshot = Snapshot ?? Store.Current;
        var key = Key(snapshot, Container);
        if (key == _key)
        {
            return;
        }
        if (_path is not null && _path.ContainerId != Container.Id)
        {
            _path = null; // another container: never show its predecessor's path
        }
        _key = key;
        _ = LoadAsync(snapshot, Container, key);
    }

    private async Task LoadAsync(TopologySnapshot snapshot, ContainerInfo container, string key)
    {
        _cts?.Cancel();
        _cts?.Dispose();
        var cts = _cts = new CancellationTokenSource();
        _loading = true;
        _error = null;
        try
        {
            var path = await Nat.GetAsync(snapshot, container, cts.Token);
            if (key == _key)
            {
                _path = path;
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return; // superseded or disposed
        }
        catch (Exception ex)
        {
            if (key == _key)
            {
                _error = "The NAT path could not be read: " + NatText.Note(ex.Message);
            }
        }
        if (key == _key)
        {
            _loading = false;
            await InvokeAsync(StateHasChanged);
        }
    }

    /// <summary>What the NAT path depends on: the stack's owner's mode, state, ports and addresses.</summary>
    private static string Key(TopologySnapshot snapshot, ContainerInfo container)
    {
        var owner = NetworkStack.Of(snapshot, container).Owner ?? container;
        return string.Join('|',
            container.HostId, container.Id, container.State, owner.Id, owner.NetworkMode.Raw,
            string.Join(',', owner.Ports.Select(p => $"{p.HostIp}:{p.HostPort}>{p.ContainerPort}/{p.Protocol}{(p.Discarded ? "!" : "")}")),
            string.Join(',', owner.Endpoints.Select(e => $"{e.NetworkId}={e.Ipv4}/{e.Ipv6}")));
    }

    public void Dispose()
    {
        _cts?.Cancel();
        _cts?.Dispose();
        _cts = null;
        _key = null;
        GC.SuppressFinalize(this);
    }
}
