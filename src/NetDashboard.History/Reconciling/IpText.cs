using System.Net;

namespace NetDashboard.History.Reconciling;

/// <summary>One spelling per address (IPv6 compressed, lower case), so stored rows and queries compare as text.</summary>
public static class IpText
{
    /// <summary>The canonical form; null for an empty value; an unparsable one is kept as given.</summary>
    public static string? Normalize(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }
        return IPAddress.TryParse(address.Trim(), out var ip) ? Canonical(ip) : address.Trim();
    }

    public static string Canonical(IPAddress ip) =>
        (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString().ToLowerInvariant();

    /// <summary>Parses a user's address (<c>172.17.0.5</c>, <c>fd00::5</c>; no prefix, no port).</summary>
    public static bool TryParse(string? text, out string canonical)
    {
        canonical = "";
        if (string.IsNullOrWhiteSpace(text) || text.Contains('/') || !IPAddress.TryParse(text.Trim(), out var ip))
        {
            return false;
        }
        // IPAddress.TryParse accepts "5" as 0.0.0.5: ask for a dotted quad or a colon form.
        var trimmed = text.Trim();
        if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && trimmed.Count(ch => ch == '.') != 3)
        {
            return false;
        }
        canonical = Canonical(ip);
        return true;
    }
}
