using NetDashboard.Core.Map;

namespace NetDashboard.Configuration;

/// <summary>The <c>NetDashboard:Map</c> section: how a large map starts.</summary>
public sealed class MapSizeOptions
{
    public const string SectionName = "NetDashboard:Map";

    /// <summary>Above this many containers, the map draws each compose project and Swarm service as one collapsed group.</summary>
    public int GroupAbove { get; set; } = MapOptions.DefaultGroupAbove;

    /// <summary>Above this many containers, the map page opens as a table (<c>?view=map</c> shows the map anyway).</summary>
    public int TableAbove { get; set; } = 400;
}
