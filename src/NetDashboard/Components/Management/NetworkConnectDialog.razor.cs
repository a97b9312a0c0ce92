using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Management;
using NetDashboard.Core.Model;
using NetDashboard.Monitoring;

namespace NetDashboard.Components.Management;

/// <summary>
/// The connect dialog: offers only what Docker can connect (no host/none network, no container on another's stack,
/// nothing already connected), checks the request with <see cref="NetworkChangeValidator.Connect"/> as it is typed, and
/// runs it through <see cref="WriteActions"/>.
/// </summary>
public partial class NetworkConnectDialog
{
    private string? _networkId;
    private string? _containerId;
    private string _aliases = "";
    private string _ipv4 = "";
    private string _ipv6 = "";
    private bool _busy;
    private string? _refusal;
    private ImmutableSortedDictionary<string, ImmutableArray<string>> _errors = ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty;

    [CascadingParameter] public required IMudDialogInstance MudDialog { get; set; }

    [Inject] public required TopologyStore Store { get; init; }

    [Inject] public required WriteActions Actions { get; init; }

    [Parameter] public string? NetworkId { get; set; }

    [Parameter] public string? ContainerId { get; set; }

    [Parameter, EditorRequired] public required string HostId { get; set; }

    private TopologySnapshot Snapshot => Store.Current;

    private IReadOnlyList<NetworkInfo> NetworkChoices =>
        [.. Snapshot.Networks
            .Where(n => n.HostId == HostId && n.Driver is not ("host" or "null"))
            .Where(n => Container(_containerId) is not { } c || c.Endpoints.All(e => e.NetworkId != n.Id))
            .OrderBy(n => n.Name, StringComparer.Ordinal)];

    private IReadOnlyList<ContainerInfo> ContainerChoices =>
        [.. Snapshot.Containers
            .Where(c => c.HostId == HostId && c.NetworkMode.Kind is not (NetworkModeKind.Host or NetworkModeKind.None or NetworkModeKind.Container))
            .Where(c => c.Endpoints.All(e => e.NetworkId != _networkId))
            .OrderBy(c => c.Name, StringComparer.Ordinal)];

    private NetworkConnectRequest Request => new()
    {
        Container = _containerId,
        Aliases = [.. _aliases.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        Ipv4 = string.IsNullOrWhiteSpace(_ipv4) ? null : _ipv4.Trim(),
        Ipv6 = string.IsNullOrWhiteSpace(_ipv6) ? null : _ipv6.Trim(),
    };

    private string Command => DockerCommands.NetworkConnect(
        Network(_networkId)?.Name ?? "NETWORK", Request with { Container = Container(_containerId)?.Name },
        Snapshot.Hosts.FirstOrDefault(h => h.Id == HostId));

    protected override void OnInitialized()
    {
        _networkId = NetworkId;
        _containerId = ContainerId;
    }

    private ContainerInfo? Container(string? id) => id is null ? null : Snapshot.Containers.FirstOrDefault(c => c.Id == id);

    private NetworkInfo? Network(string? id) => id is null ? null : Snapshot.Networks.FirstOrDefault(n => n.Id == id);

    private string? ErrorOf(string field) => _errors.TryGetValue(field, out var sentences) ? string.Join(" ", sentences) : null;

    private void Set(Action change)
    {
        change();
        _refusal = null;
        _errors = _networkId is { } network && _containerId is not null
            && NetworkChangeValidator.Connect(Snapshot, HostId, network, Request).Refusal is { } refusal
                ? refusal.Errors.IsEmpty ? ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty : refusal.Errors
                : ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty;
    }

    private async Task ConnectAsync()
    {
        if (_networkId is not { } networkId || _containerId is null)
        {
            return;
        }
        _busy = true;
        try
        {
            var request = Request;
            var names = $"{Container(_containerId)?.Name} to {Network(networkId)?.Name}";
            var result = await Actions.RunAsync((user, writes) => writes.ConnectAsync(user, HostId, networkId, request, CancellationToken.None),
                $"Connected {names}.", sayRefusal: false);
            if (result.Succeeded)
            {
                MudDialog.Close(DialogResult.Ok(true));
                return;
            }
            _refusal = result.Detail;
            _errors = result.Errors;
        }
        finally
        {
            _busy = false;
        }
    }
}
