namespace NetDashboard.Core.Model;

public enum HostStatus
{
    Connected,
    Disconnected,
}

/// <summary>One watched Docker daemon.</summary>
public sealed record HostInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>How the daemon is reached, e.g. <c>unix:///var/run/docker.sock</c>.</summary>
    public required string Endpoint { get; init; }
    public required HostStatus Status { get; init; }
    public string? EngineVersion { get; init; }
    /// <summary>The API version the dashboard negotiated with the daemon.</summary>
    public string? ApiVersion { get; init; }
    /// <summary>Why the host is disconnected, in a sentence; null while connected.</summary>
    public string? Error { get; init; }
    /// <summary>Added field: the daemon's operating system (from its version answer).</summary>
    public string? Os { get; init; }
    /// <summary>
    /// Added field: true while the host is disconnected and its networks and containers are the last ones it was seen
    /// with (kept in the document, marked stale, until the first snapshot after reconnection replaces them).
    /// </summary>
    public bool Stale { get; init; }
    /// <summary>Added field: when a stale host's contents were last confirmed by its daemon; null otherwise.</summary>
    public DateTimeOffset? LastSeenAt { get; init; }
    /// <summary>
    /// Added field (contract "What today's engines add"): which firewall backend the daemon writes its rules with,
    /// <c>iptables</c> or <c>nftables</c> (<c>/info</c>, API 1.49+); null when the engine does not report it.
    /// </summary>
    public string? FirewallBackend { get; init; }
    /// <summary>Added field: "docker", or "podman" for Podman's Docker-compatible service (which reports less, see <see cref="NotReported"/>).</summary>
    public string Product { get; init; } = "docker";
    /// <summary>Added field: what this engine does not report, in sentences (the dashboard shows "not reported" there, never a guess).</summary>
    public System.Collections.Immutable.ImmutableArray<string> NotReported { get; init; } = [];
    /// <summary>Contract 1.1: the Swarm node this daemon is; null when it is not an active member of a swarm.</summary>
    public SwarmNodeInfo? Swarm { get; init; }
}
