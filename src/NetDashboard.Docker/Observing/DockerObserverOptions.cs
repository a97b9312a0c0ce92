namespace NetDashboard.Docker.Observing;

/// <summary>How one Docker host is watched.</summary>
public sealed record DockerObserverOptions
{
    /// <summary>Full re-read interval: the safety net under the event stream.</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>First retry delay after the daemon is lost; doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// Longest wait for a unix socket daemon's retry: the socket's path is also watched (every
    /// <see cref="SocketPollInterval"/>), so a daemon that comes back is seen within seconds however long it was away.
    /// </summary>
    public TimeSpan SocketMaxRetryDelay { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>How often a lost unix socket daemon's socket path is checked for its return.</summary>
    public TimeSpan SocketPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
    /// <summary>
    /// Longest wait for the first answer of a connection (<c>GET /version</c>): a daemon that accepts and never answers
    /// is reported disconnected after this long, and never delays the other hosts.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Longest wait for one API answer (list, inspect, version).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>
    /// How long a partial read (of the containers a burst of events names) waits for one container's inspect. Docker answers an inspect only once it releases the container,
    /// which a start or a stop holds for hundreds of milliseconds on a busy host (the list call never waits): a read does
    /// not wait longer for it, publishes that container with its last details, and re-reads it when the inspect answers.
    /// </summary>
    public TimeSpan InspectWait { get; init; } = TimeSpan.FromMilliseconds(50);
    /// <summary>Parallel inspects when many containers (re)started at once.</summary>
    public int InspectParallelism { get; init; } = 8;
    /// <summary>The dashboard's clock: when events were read (a daemon's own clock may be wrong).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public string ProcPath { get; init; } = "/proc";
    public string SysPath { get; init; } = "/sys";
}
