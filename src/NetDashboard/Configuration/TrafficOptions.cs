namespace NetDashboard.Configuration;

/// <summary>Settings of the traffic view (section <c>NetDashboard:Traffic</c>): who talks to whom, from the kernel's connection tracking.</summary>
public sealed class TrafficOptions
{
    public const string SectionName = "NetDashboard:Traffic";

    /// <summary>Read connections at all. Reading needs root (or CAP_NET_ADMIN and CAP_SYS_PTRACE) on the daemon's machine.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between two reads of the kernel's tables (0.2 to 60).</summary>
    public double IntervalSeconds { get; set; } = 1;

    /// <summary>At most this many tracked connections are read per host and round (100 to 1,000,000); the view says when it is capped.</summary>
    public int MaxFlowsPerHost { get; set; } = 5000;

    /// <summary>Minutes an ended connection stays listed (with its last-seen time), for the map's time window (1 to 1440).</summary>
    public double KeepEndedMinutes { get; set; } = 15;

    /// <summary>
    /// Hosts whose kernel is this machine's. Empty: every host reached through a local unix socket. A collector-fed
    /// host's connections are read by its collector, listed here or not.
    /// </summary>
    public List<string> Hosts { get; set; } = [];
}
