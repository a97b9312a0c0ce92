namespace NetDashboard.Configuration;

/// <summary>
/// One entry of <c>NetDashboard:Collectors</c> on the dashboard: a host fed by a collector. Its token names exactly this
/// host: a collector presenting it can publish as no other.
/// </summary>
public sealed class CollectorHostOptions
{
    /// <summary>The host id the collector's observations are shown under (unique across Hosts and Collectors).</summary>
    public string Id { get; set; } = "";

    /// <summary>Shown name; default: the id.</summary>
    public string? Name { get; set; }

    /// <summary>The lowercase hex SHA-256 of the collector's token (<c>printf %s TOKEN | sha256sum</c>): the token itself is never kept.</summary>
    public string? TokenHash { get; set; }
}

/// <summary>
/// <c>NetDashboard:Collector</c>: the settings of a process started with <c>--collector</c>, which watches its local
/// daemon (<c>NetDashboard:Hosts</c> or DOCKER_HOST, as the dashboard would) and streams what it sees to a dashboard.
/// </summary>
public sealed class CollectorModeOptions
{
    /// <summary>Set by <c>--collector</c>: this process is a collector, not a dashboard.</summary>
    public bool Enabled { get; set; }

    /// <summary>The dashboard's base URL (<c>https://dashboard:8443</c>, or http on a trusted network).</summary>
    public string? Dashboard { get; set; }

    /// <summary>The collector's token (prefer <see cref="TokenFile"/>, e.g. a Swarm secret under <c>/run/secrets</c>).</summary>
    public string? Token { get; set; }

    /// <summary>A file holding the token (its first line).</summary>
    public string? TokenFile { get; set; }

    /// <summary>The host id the dashboard knows this collector's token by.</summary>
    public string? HostId { get; set; }

    /// <summary>A name for the host; default: the machine's host name.</summary>
    public string? HostName { get; set; }

    /// <summary>A PEM file of the certificate authority that signed the dashboard's certificate; default: the system's trust.</summary>
    public string? CaFile { get; set; }

    /// <summary>Longest wait, in seconds, between two attempts to reach the dashboard (short: a returning dashboard or network is seen within seconds).</summary>
    public double MaxRetrySeconds { get; set; } = 2;
}
