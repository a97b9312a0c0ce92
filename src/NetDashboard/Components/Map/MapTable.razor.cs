using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using NetDashboard.Components.Live;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>One row of the map's table: the container, its project or service, and its networks as one text.</summary>
public sealed record MapTableRow(ContainerRow Row, string? Group, string Networks);

/// <summary>
/// The map page of a large topology (<see cref="MapPageViews"/>): every container as a row — name (a link to its page),
/// state, compose project or service, networks, host, image — live, with a filter and sortable columns. The table is
/// virtualized: a browser tab holds components for the rows in view only, not one per container.
/// </summary>
public partial class MapTable : TopologyComponentBase
{
    private ImmutableArray<MapTableRow> _rows = [];
    private IReadOnlyList<MapTableRow> _visible = [];
    private string? _search;

    private readonly TableSort<MapTableRow> _sort = new("name", new Dictionary<string, Func<MapTableRow, object?>>
    {
        ["name"] = r => r.Row.Container.Name,
        ["state"] = r => r.Row.Container.State,
        ["project"] = r => r.Group ?? "",
        ["networks"] = r => r.Networks,
        ["host"] = r => r.Row.HostName,
        ["image"] = r => r.Row.Container.Image,
    }, r => r.Row.Container.Name);

    /// <summary>The size limit the page compared with (<c>NetDashboard:Map:TableAbove</c>).</summary>
    [Parameter] public int TableAbove { get; set; }

    /// <summary>The URL asked for the table (<c>?view=table</c>), whatever the size.</summary>
    [Parameter] public bool Asked { get; set; }

    protected override void OnSnapshotChanged()
    {
        _rows = [.. TopologyRows.Containers(Snapshot).Select(r => new MapTableRow(r, GroupText(r.Container), NetworksText(r)))];
        ApplyFilter();
    }

    private static string? GroupText(ContainerInfo c) =>
        MapGroups.KeyOf(c) is { } key ? (MapGroups.KindOf(key) == "service" ? "service " : "") + MapGroups.NameOf(key) : null;

    private static string NetworksText(ContainerRow row)
    {
        var c = row.Owner ?? row.Container;
        return c.NetworkMode.Kind switch
        {
            NetworkModeKind.Host => "host",
            NetworkModeKind.None => "none",
            _ => c.Endpoints.IsEmpty ? TopologyFormat.Missing : string.Join(", ", c.Endpoints.Select(e => e.NetworkName ?? e.NetworkId)),
        } + (row.Owner is { } owner ? $" (shares {owner.Name})" : "");
    }

    private void OnSearchChanged(string? text)
    {
        _search = text;
        ApplyFilter();
    }

    private void SortBy(string key)
    {
        _sort.Toggle(key);
        ApplyFilter();
    }

    private void ApplyFilter() =>
        _visible = _sort.Apply(_rows.Where(r => TopologySearch.Matches(_search, TopologySearch.Texts(r.Row).Append(r.Group).Append(r.Row.HostName)))).ToList();
}
