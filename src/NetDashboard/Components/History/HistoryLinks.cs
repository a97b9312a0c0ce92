namespace NetDashboard.Components.History;

/// <summary>The timeline page's deep links, built in one place: <c>/history?container=web</c>, <c>/history?ip=…&amp;at=…</c>.</summary>
public static class HistoryLinks
{
    public const string Page = "/history";

    public static string Container(string nameOrId, string? hostId = null) =>
        $"{Page}?container={Uri.EscapeDataString(nameOrId)}" + (hostId is null ? "" : $"&host={Uri.EscapeDataString(hostId)}");

    public static string Ip(string ip, string? at = null, string? hostId = null) =>
        $"{Page}?ip={Uri.EscapeDataString(ip)}"
        + (string.IsNullOrWhiteSpace(at) ? "" : $"&at={Uri.EscapeDataString(at)}")
        + (hostId is null ? "" : $"&host={Uri.EscapeDataString(hostId)}");
}
