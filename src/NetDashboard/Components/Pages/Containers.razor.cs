using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using NetDashboard.Components.Live;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Pages;

/// <summary>
/// Every container of every host, live, with a search and filters for state and network mode;
/// <c>?host=</c> narrows to one host and <c>?state=running|stopped</c> preselects the state.
/// </summary>
public partial class Containers : TopologyComponentBase
{
    private const string AllModes = "all";

    private readonly ContainerListFilter _filter = new();
    private ImmutableArray<ContainerRow> _rows = [];
    private IReadOnlyList<ContainerRow> _visible = [];
    private string? _appliedStateQuery;

    private readonly TableSort<ContainerRow> _sort = new("name", new Dictionary<string, Func<ContainerRow, object?>>
    {
        ["name"] = r => r.Container.Name,
        ["image"] = r => r.Container.Image,
        ["state"] = r => r.Container.State,
        ["mode"] = r => TopologyFormat.NetworkMode(r.Container.NetworkMode, r.Owner),
        ["ips"] = r => TopologyFormat.AddressSortKey(r.Container.Endpoints.Select(e => e.Ipv4).FirstOrDefault(ip => ip is not null)),
        ["ports"] = r => r.Container.Ports.Length,
        ["warnings"] = r => r.Container.Warnings.Length,
        ["host"] = r => r.HostName,
    }, r => r.Container.Name);

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery(Name = "host")]
    public string? HostQuery { get; set; }

    [SupplyParameterFromQuery(Name = "state")]
    public string? StateQuery { get; set; }

    private string ModeValue => _filter.Mode?.ToString() ?? AllModes;

    private string EmptyText => _rows.IsEmpty
        ? Snapshot.Hosts.Any(h => h.Status == HostStatus.Connected)
            ? "No containers yet: the connected Docker hosts have none (docker run one and it appears here)."
            : "No containers to show: no Docker host is connected."
        : "No container matches the search and filters.";

    protected override void OnParametersSet()
    {
        _filter.HostId = string.IsNullOrWhiteSpace(HostQuery) ? null : HostQuery;
        if (StateQuery != _appliedStateQuery)
        {
            // Only a changed URL overrides what the user picked in the select.
            _appliedStateQuery = StateQuery;
            _filter.State = ContainerListFilter.ParseState(StateQuery);
        }
        base.OnParametersSet();
    }

    protected override void OnSnapshotChanged()
    {
        _rows = TopologyRows.Containers(Snapshot);
        ApplyFilter();
    }

    private void OnSearchChanged(string? text)
    {
        _filter.Search = text;
        ApplyFilter();
    }

    private void OnStateChanged(ContainerStateFilter state)
    {
        _filter.State = state;
        ApplyFilter();
    }

    private void OnModeChanged(string? mode)
    {
        _filter.Mode = Enum.TryParse<NetworkModeKind>(mode, out var kind) ? kind : null;
        ApplyFilter();
    }

    private void ClearHostFilter() => Navigation.NavigateTo(TopologyLinks.Containers);

    private void SortBy(string key)
    {
        _sort.Toggle(key);
        ApplyFilter();
    }

    private void ApplyFilter() => _visible = _sort.Apply(_rows.Where(_filter.Matches)).ToList();

    private string HostName(string hostId) => Snapshot.Hosts.FirstOrDefault(h => h.Id == hostId)?.Name ?? hostId;

    private static string ModeName(NetworkModeKind kind) => kind switch
    {
        NetworkModeKind.Container => "container:<owner>",
        NetworkModeKind.Network => "network:<name>",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
