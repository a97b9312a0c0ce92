namespace NetDashboard.Docker.Observing;

/// <summary>How one Docker host is watched.</summary>
public sealed record DockerObserverOptions
{
    /// <summary>Full re-read interval: the safety net under the event stream.</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>First retry delay after the daemon is lost; doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Longest wait for one API answer (list, inspect, version).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>Parallel inspects when many containers (re)started at once.</summary>
    public int InspectParallelism { get; init; } = 8;
    public string ProcPath { get; init; } = "/proc";
    public string SysPath { get; init; } = "/sys";
}
