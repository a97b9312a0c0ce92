using NetDashboard.Core.Model;
using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using NetDashboard.Components.Live;
using NetDashboard.Components.Presentation;

namespace NetDashboard.Components.Pages;

/// <summary>Every network of every host, live, with a search; <c>?host=</c> narrows to one host.</summary>
public partial class Networks : TopologyComponentBase
{
    private readonly NetworkListFilter _filter = new();
    private ImmutableArray<NetworkRow> _rows = [];
    private IReadOnlyList<NetworkRow> _visible = [];

    private readonly TableSort<NetworkRow> _sort = new("name", new Dictionary<string, Func<NetworkRow, object?>>
    {
        ["name"] = r => r.Network.Name,
        ["driver"] = r => r.Network.Driver,
        ["scope"] = r => r.Network.Scope,
        ["bridge"] = r => r.Network.Bridge,
        ["subnets"] = r => r.Network.Subnets.FirstOrDefault()?.Subnet,
        ["dns"] = r => r.Network.Dns,
        ["icc"] = r => r.Network.Icc,
        ["internal"] = r => r.Network.Internal,
        ["attachable"] = r => r.Network.Attachable,
        ["ipv6"] = r => r.Network.EnableIPv6,
        ["containers"] = r => r.ContainerCount,
        ["host"] = r => r.HostName,
    }, r => r.Network.Name);

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [CascadingParameter]
    public Management.WritePermission? Permission { get; set; }

    [SupplyParameterFromQuery(Name = "host")]
    public string? HostQuery { get; set; }

    private string EmptyText => _rows.IsEmpty
        ? Snapshot.Hosts.Any(h => h.Status == HostStatus.Connected)
            ? "No networks yet on the connected Docker hosts."
            : "No networks to show: no Docker host is connected."
        : "No network matches the search.";

    protected override void OnParametersSet()
    {
        _filter.HostId = string.IsNullOrWhiteSpace(HostQuery) ? null : HostQuery;
        base.OnParametersSet();
    }

    protected override void OnSnapshotChanged()
    {
        _rows = TopologyRows.Networks(Snapshot);
        ApplyFilter();
    }

    private void OnSearchChanged(string? text)
    {
        _filter.Search = text;
        ApplyFilter();
    }

    private void ClearHostFilter() => Navigation.NavigateTo(TopologyLinks.Networks);

    private void SortBy(string key)
    {
        _sort.Toggle(key);
        ApplyFilter();
    }

    private void ApplyFilter() => _visible = _sort.Apply(_rows.Where(_filter.Matches)).ToList();

    private string HostName(string hostId) => Snapshot.Hosts.FirstOrDefault(h => h.Id == hostId)?.Name ?? hostId;
}
