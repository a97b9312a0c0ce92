using Microsoft.AspNetCore.Components;
using NetDashboard.Components.Live;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Pages;

/// <summary>
/// One container, live. The id is the full id, the name or a unique id prefix; <c>?host=</c> narrows to one host.
/// A container removed while the page is open stays visible, dimmed, with a note saying so.
/// </summary>
public partial class ContainerDetail : TopologyComponentBase
{
    private readonly LiveLookup<ContainerInfo> _lookup = LiveLookup.ForContainers();

    [Parameter]
    public string Id { get; set; } = "";

    [SupplyParameterFromQuery(Name = "host")]
    public string? HostQuery { get; set; }

    private ContainerInfo? Shown => _lookup.Current ?? _lookup.LastKnown;

    private string Title => Shown is { } c ? $"{c.Name} · Containers · NetDashboard" : "Container not found · NetDashboard";

    private string? HostName => HostQuery is null ? null : Snapshot.Hosts.FirstOrDefault(h => h.Id == HostQuery)?.Name ?? HostQuery;

    private IReadOnlyList<(string Label, string Href)> Candidates =>
        _lookup.Result.Matches
            .Select(c => ($"{c.Name} ({TopologyFormat.ShortId(c.Id)}) on {HostOf(c)?.Name ?? c.HostId}", TopologyLinks.Container(c)))
            .ToList();

    protected override void OnSnapshotChanged() =>
        _lookup.Update(Id, string.IsNullOrWhiteSpace(HostQuery) ? null : HostQuery,
            (id, host) => TopologyLookup.Container(Snapshot, id, host));

    private HostInfo? HostOf(ContainerInfo container) => Snapshot.Hosts.FirstOrDefault(h => h.Id == container.HostId);
}
