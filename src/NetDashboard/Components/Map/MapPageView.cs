using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>How the map page shows the topology: the drawn map or, for a large one, a table.</summary>
public enum MapPageView
{
    Map,
    Table,
}

/// <summary>
/// Which view the map page opens with. <c>?view=table|map</c> decides; a map deep link (<c>?focus=</c>,
/// <c>?from=&amp;to=</c>, <c>?expand=</c>, <c>?at=</c>, <c>?since=</c>) asks for the map; otherwise the first snapshot
/// with a host decides once: above <c>NetDashboard:Map:TableAbove</c> containers, the table (a map that large holds
/// hundreds of components per browser tab and is hard to read). Until a host has reported, nothing is decided.
/// </summary>
public static class MapPageViews
{
    /// <summary>The view to open with, or null while it waits for a host to report.</summary>
    public static MapPageView? Choose(string? viewQuery, bool mapLink, TopologySnapshot snapshot, int tableAbove)
    {
        if (Parse(viewQuery) is { } asked)
        {
            return asked;
        }
        if (mapLink)
        {
            return MapPageView.Map;
        }
        if (snapshot.Hosts.IsEmpty)
        {
            return null;
        }
        return snapshot.Containers.Length > tableAbove ? MapPageView.Table : MapPageView.Map;
    }

    /// <summary>"table" or "map" (any case); null for anything else.</summary>
    public static MapPageView? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "table" => MapPageView.Table,
        "map" => MapPageView.Map,
        _ => null,
    };
}
