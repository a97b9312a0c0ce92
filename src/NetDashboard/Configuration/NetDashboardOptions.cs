namespace NetDashboard.Configuration;

/// <summary>The <c>NetDashboard</c> configuration section.</summary>
public sealed class NetDashboardOptions
{
    public const string SectionName = "NetDashboard";

    /// <summary><c>Docker</c> (default) reads real daemons; <c>Demo</c> runs the built-in simulated daemon.</summary>
    public TopologySource Source { get; set; } = TopologySource.Docker;

    /// <summary>The daemons to watch. Empty: one host "local", found like the docker CLI does.</summary>
    public List<DockerHostOptions> Hosts { get; set; } = [];

    /// <summary>Hosts fed by a collector (<c>--collector</c> on that host), each with its token's hash.</summary>
    public List<CollectorHostOptions> Collectors { get; set; } = [];

    /// <summary>
    /// Seconds a connected collector may say nothing (it beats 4 times a second) before its host is shown disconnected
    /// (0.5 to 60; default 1.2, so a frozen or cut-off collector shows within 2 s). Raise it on a machine so loaded that
    /// collectors miss their beats.
    /// </summary>
    public double CollectorTimeoutSeconds { get; set; } = 1.2;

    /// <summary>This process's settings when it runs as a collector (<c>--collector</c>).</summary>
    public CollectorModeOptions Collector { get; set; } = new();

    /// <summary>Seconds between full re-reads of each daemon (the safety net under the event stream).</summary>
    public double ResyncSeconds { get; set; } = 30;

    /// <summary>Longest wait, in seconds, between two reconnection attempts to a lost daemon (1 to 3600).</summary>
    public double MaxRetrySeconds { get; set; } = 30;

    /// <summary>
    /// Longest wait, in seconds, for a daemon's first answer on each connection (0.1 to 60): a socket that accepts and
    /// never answers shows its host disconnected after this long. (A unix socket's retries are also capped at 2 s and
    /// its path watched, so a returning local daemon is seen within seconds.)
    /// </summary>
    public double ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>Where the host's /proc and /sys are seen (a container with the host's mounted elsewhere).</summary>
    public string ProcPath { get; set; } = "/proc";
    public string SysPath { get; set; } = "/sys";

    /// <summary>Seconds between demo topology changes.</summary>
    public double DemoIntervalSeconds { get; set; } = 4;

    /// <summary>0: the demo shows the seed's topology; N: a synthetic topology of N containers (for benchmarks).</summary>
    public int DemoContainers { get; set; }

    /// <summary>
    /// Where the dashboard keeps its files (the history database). Default: a <c>NetDashboard</c> folder under the
    /// user's local application data, else <c>data</c> under the content root; created on first use.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// Reverse proxies in front of the dashboard (addresses, or networks as <c>10.0.0.0/8</c>) whose
    /// <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> are believed: the client's own address then counts for the
    /// sign-in limit and the log. Empty (the default): nothing forwarded is believed.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}

public enum TopologySource
{
    Docker,
    Demo,
}

public sealed class DockerHostOptions
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    /// <summary>unix:///path, tcp://host:port, ssh://user@host[:port] or npipe://…; empty: DOCKER_HOST, then unix:///var/run/docker.sock.</summary>
    public string? Endpoint { get; set; }
    /// <summary>For ssh://: an ssh configuration file (identity, known hosts, jumps), passed as <c>ssh -F</c>; default the user's own.</summary>
    public string? SshConfig { get; set; }
    /// <summary>Verify the daemon's TLS certificate (tcp); default from DOCKER_TLS_VERIFY.</summary>
    public bool? TlsVerify { get; set; }
    /// <summary>Folder with ca.pem, cert.pem, key.pem; default from DOCKER_CERT_PATH, then ~/.docker.</summary>
    public string? CertPath { get; set; }
}
