namespace NetDashboard.Components.Reachability;

/// <summary>The URLs of the reachability views.</summary>
public static class ReachabilityLinks
{
    public const string Page = "/reachability";

    /// <summary>The map with the path from one container to another highlighted: <c>/?from=&lt;id&gt;&amp;to=&lt;id&gt;</c>.</summary>
    public static string Map(string from, string to) => $"/?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}";

    /// <summary>The matrix page with one pair selected.</summary>
    public static string Pair(string from, string to, string? hostId = null) =>
        $"{Page}?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}" + (hostId is null ? "" : $"&host={Uri.EscapeDataString(hostId)}");
}
