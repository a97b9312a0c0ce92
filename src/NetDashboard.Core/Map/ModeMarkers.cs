using NetDashboard.Core.Model;

namespace NetDashboard.Core.Map;

/// <summary>The short mode marker on a container node — one spelling for the live map, its legend and every export.</summary>
public static class ModeMarkers
{
    public static string Of(NetworkModeKind? mode) => mode switch
    {
        NetworkModeKind.Bridge => "bridge",
        NetworkModeKind.Network => "net",
        NetworkModeKind.Host => "host",
        NetworkModeKind.None => "none",
        NetworkModeKind.Container => "shared",
        _ => "?",
    };
}
