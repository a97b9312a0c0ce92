using Microsoft.AspNetCore.Components;
using NetDashboard.Components.Live;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Pages;

/// <summary>
/// One network, live, with the containers attached. The id is the full id, the name or a unique id prefix;
/// <c>?host=</c> narrows to one host. A network removed while the page is open stays visible, dimmed, with a note.
/// </summary>
public partial class NetworkDetail : TopologyComponentBase
{
    private readonly LiveLookup<NetworkInfo> _lookup = LiveLookup.ForNetworks();

    [Parameter]
    public string Id { get; set; } = "";

    [SupplyParameterFromQuery(Name = "host")]
    public string? HostQuery { get; set; }

    private NetworkInfo? Shown => _lookup.Current ?? _lookup.LastKnown;

    private string Title => Shown is { } n ? $"{n.Name} · Networks · NetDashboard" : "Network not found · NetDashboard";

    private string? HostName => HostQuery is null ? null : Snapshot.Hosts.FirstOrDefault(h => h.Id == HostQuery)?.Name ?? HostQuery;

    private IReadOnlyList<(string Label, string Href)> Candidates =>
        _lookup.Result.Matches
            .Select(n => ($"{n.Name} ({TopologyFormat.ShortId(n.Id)}) on {HostOf(n)?.Name ?? n.HostId}", TopologyLinks.Network(n)))
            .ToList();

    protected override void OnSnapshotChanged() =>
        _lookup.Update(Id, string.IsNullOrWhiteSpace(HostQuery) ? null : HostQuery,
            (id, host) => TopologyLookup.Network(Snapshot, id, host));

    private HostInfo? HostOf(NetworkInfo network) => Snapshot.Hosts.FirstOrDefault(h => h.Id == network.HostId);

    private IReadOnlyList<(ContainerInfo Container, EndpointInfo Endpoint)> Attached(NetworkInfo network) =>
        _lookup.IsGone ? [] : TopologyRows.Attached(Snapshot, network);

    private IReadOnlyList<ContainerInfo> Sharers(NetworkInfo network) =>
        _lookup.IsGone
            ? []
            : Attached(network).SelectMany(a => TopologyRows.Sharers(Snapshot, a.Container)).DistinctBy(c => c.Id).ToList();
}
