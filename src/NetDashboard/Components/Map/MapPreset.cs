using NetDashboard.Components.Presentation;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>
/// How a page presents the map: the home page's interactive map (<see cref="Interactive"/>), or the wiki embed's
/// read-only picture (<see cref="Embed"/>): no toolbar, no selection or side panel, no URL writes, narrowed to a
/// network and/or a host, with the legend open when asked.
/// </summary>
public sealed record MapPreset
{
    /// <summary>The full map: toolbar, selection, side panel, deep links.</summary>
    public static MapPreset Interactive { get; } = new();

    /// <summary>Read-only: no toolbar, no selection, no side panel or path banner, nothing written to the URL.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>The network (name, id or id prefix) drawn with what is attached to it; null for all. Read-only maps only.</summary>
    public string? Network { get; init; }

    /// <summary>The host drawn; null for all. Read-only maps only.</summary>
    public string? HostId { get; init; }

    /// <summary>The legend is open from the start.</summary>
    public bool ShowLegend { get; init; }

    /// <summary>The embed's view: <c>/embed?network=…&amp;host=…&amp;legend=1</c>.</summary>
    public static MapPreset Embed(string? network, string? host, bool legend) => new()
    {
        ReadOnly = true,
        Network = string.IsNullOrWhiteSpace(network) ? null : network,
        HostId = string.IsNullOrWhiteSpace(host) ? null : host,
        ShowLegend = legend,
    };

    /// <summary>
    /// Narrows a read-only view to the preset's network and host; a network not (yet) there draws nothing. Answers
    /// true when <see cref="Network"/> names no network of the snapshot.
    /// </summary>
    public bool Narrow(MapViewState view, TopologySnapshot snapshot)
    {
        if (!ReadOnly)
        {
            return false;
        }
        view.HostId = HostId;
        if (Network is null)
        {
            return false;
        }
        var network = TopologyLookup.Network(snapshot, Network, HostId).Matches.FirstOrDefault();
        view.Networks = network is null ? ["\0none"] : [network.Id];
        return network is null;
    }
}
