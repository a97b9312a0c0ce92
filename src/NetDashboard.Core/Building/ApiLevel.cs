using System.Globalization;

namespace NetDashboard.Core.Building;

/// <summary>
/// Which fields an API version carries. Docker's client models read a missing boolean or number as false or 0, so a
/// field newer than the negotiated version is ignored rather than trusted (Podman speaks 1.41 and sends none of them).
/// </summary>
public static class ApiLevel
{
    /// <summary><c>DNSNames</c> per endpoint.</summary>
    public static readonly Version DnsNames = new(1, 44);
    /// <summary><c>EnableIPv4</c> per network and <c>GwPriority</c> per endpoint.</summary>
    public static readonly Version EnableIPv4AndGwPriority = new(1, 48);
    /// <summary><c>FirewallBackend</c> in <c>/info</c>.</summary>
    public static readonly Version FirewallBackend = new(1, 49);
    /// <summary><c>Status</c> (address use per subnet) in <c>GET /networks/{id}</c>.</summary>
    public static readonly Version NetworkStatus = new(1, 52);

    /// <summary>True when <paramref name="apiVersion"/> (e.g. "1.51") is at least <paramref name="minimum"/>; false when unknown.</summary>
    public static bool AtLeast(string? apiVersion, Version minimum) =>
        Version.TryParse(apiVersion, out var v) && v >= minimum;

    /// <summary>The version as "major.minor".</summary>
    public static string Format(Version v) => string.Create(CultureInfo.InvariantCulture, $"{v.Major}.{v.Minor}");
}
