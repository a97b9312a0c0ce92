using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using NetDashboard.Components.Controls;
using NetDashboard.Components.Live;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;
using MudBlazor;

namespace NetDashboard.Components.Map;

/// <summary>One row of the map's table: the container, its project or service, its networks, its link and state look.</summary>
public sealed record MapTableRow(ContainerRow Row, string? Group, string Networks, string Link, string StateClass)
{
    public string Key => Row.Container.HostId + "/" + Row.Container.Id;

    /// <summary>
    /// The rows of a snapshot, built once and shared by every circuit showing it (a snapshot is immutable; the rows go
    /// with it). A circuit keeps only its filtered, sorted list of references.
    /// </summary>
    public static ImmutableArray<MapTableRow> Of(TopologySnapshot snapshot) =>
        Shared.GetValue(snapshot, s => new Box([.. TopologyRows.Containers(s).Select(r =>
            new MapTableRow(r, GroupText(r.Container), NetworksText(r), TopologyLinks.Container(r.Container), StateClassOf(r.Container)))])).Rows;

    private static readonly ConditionalWeakTable<TopologySnapshot, Box> Shared = new();

    private sealed class Box(ImmutableArray<MapTableRow> rows)
    {
        public ImmutableArray<MapTableRow> Rows { get; } = rows;
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

    // The look of a small MudChip (the Containers page's StateChip) as plain classes: no component per row.
    private static string StateClassOf(ContainerInfo c)
    {
        var color = StateChip.ColorOf(c.State).ToString().ToLowerInvariant();
        return c.IsRunning
            ? $"mud-chip mud-chip-filled mud-chip-size-small mud-chip-color-{color} ma-0"
            : $"mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-{color} ma-0 nd-dimmed";
    }
}

/// <summary>
/// The map page of a large topology (<see cref="MapPageViews"/>): every container as a row — name (a link to its page),
/// state, compose project or service, networks, host, image — live, with a filter and sortable columns. Virtualized
/// (Blazor's <c>Virtualize</c>): only the rows in view are rendered, as markup inside one component.
/// </summary>
public partial class MapTable : TopologyComponentBase
{
    private static readonly (string Key, string Label)[] Columns =
        [("name", "Name"), ("state", "State"), ("project", "Project / service"), ("networks", "Networks"), ("host", "Host"), ("image", "Image")];

    private ImmutableArray<MapTableRow> _rows = [];
    private List<MapTableRow> _visible = [];
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
        _rows = MapTableRow.Of(Snapshot);
        ApplyFilter();
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
        _visible = [.. _sort.Apply(_rows.Where(r => TopologySearch.Matches(_search, TopologySearch.Texts(r.Row).Append(r.Group).Append(r.Row.HostName))))];
}
