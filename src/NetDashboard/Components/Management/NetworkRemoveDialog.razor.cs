using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Management;
using NetDashboard.Core.Model;
using NetDashboard.Monitoring;

namespace NetDashboard.Components.Management;

/// <summary>
/// The remove dialog. With containers attached, "Disconnect N and remove" disconnects each (each write audited, progress
/// shown) and then removes the network; a refusal on the way stops there and says which.
/// </summary>
public partial class NetworkRemoveDialog
{
    private bool _busy;
    private string? _refusal;
    private string? _progress;

    [CascadingParameter] public required IMudDialogInstance MudDialog { get; set; }

    [Inject] public required TopologyStore Store { get; init; }

    [Inject] public required WriteActions Actions { get; init; }

    [Parameter, EditorRequired] public required string NetworkId { get; set; }

    [Parameter, EditorRequired] public required string HostId { get; set; }

    private NetworkInfo? Network => Store.Current.Networks.FirstOrDefault(n => n.Id == NetworkId && n.HostId == HostId);

    private ImmutableArray<ContainerRef> Attached => Network is { } network ? NetworkChangeValidator.Attached(Store.Current, network) : [];

    private IEnumerable<string> Commands
    {
        get
        {
            var host = Store.Current.Hosts.FirstOrDefault(h => h.Id == HostId);
            var name = Network?.Name ?? NetworkId;
            return Attached.Select(c => DockerCommands.NetworkDisconnect(name, c.Name, false, host)).Append(DockerCommands.NetworkRemove(name, host));
        }
    }

    private async Task RemoveAsync()
    {
        if (Network is not { } network)
        {
            return;
        }
        _busy = true;
        _refusal = null;
        try
        {
            var attached = Attached;
            for (var i = 0; i < attached.Length; i++)
            {
                _progress = $"Disconnecting {attached[i].Name} ({i + 1} of {attached.Length})…";
                StateHasChanged();
                var request = new NetworkDisconnectRequest { Container = attached[i].Id };
                var disconnected = await Actions.RunAsync((user, writes) => writes.DisconnectAsync(user, HostId, network.Id, request, CancellationToken.None),
                    $"{attached[i].Name} disconnected from {network.Name}.", sayRefusal: false);
                if (!disconnected.Succeeded)
                {
                    _refusal = $"Stopped before removing: {attached[i].Name} could not be disconnected. {disconnected.Detail}";
                    _progress = null;
                    return;
                }
            }
            _progress = $"Removing {network.Name}…";
            StateHasChanged();
            var result = await Actions.RunAsync((user, writes) => writes.RemoveAsync(user, HostId, network.Id, CancellationToken.None),
                $"Network {network.Name} removed.", sayRefusal: false);
            _progress = null;
            if (result.Succeeded)
            {
                MudDialog.Close(DialogResult.Ok(true));
                return;
            }
            _refusal = result.Detail;
        }
        finally
        {
            _busy = false;
        }
    }
}
