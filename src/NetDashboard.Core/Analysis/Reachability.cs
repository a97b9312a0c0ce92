using System.Collections.Immutable;

namespace NetDashboard.Core.Analysis;

/// <summary>
/// What <c>GET /api/reachability</c> answers for one ordered pair of containers: can <see cref="From"/> reach
/// <see cref="To"/> by IP, by name, and why — derived from the model alone.
/// </summary>
public sealed record ReachabilityReport
{
    public required ContainerRef From { get; init; }
    public required ContainerRef To { get; init; }
    public required IpVerdict ByIp { get; init; }
    public required NameVerdict ByName { get; init; }
    /// <summary>Networks both containers' stacks are attached to (empty for host/none/shared stacks).</summary>
    public ImmutableArray<SharedNetwork> SharedNetworks { get; init; } = [];

    // Added fields (the contract allows additions).
    /// <summary>Can <see cref="From"/> reach anything outside its networks (the host, the internet)?</summary>
    public required EgressVerdict Egress { get; init; }
    /// <summary>How the two are joined, one word: same-stack, host-stack, network, none.</summary>
    public required string Relation { get; init; }
    /// <summary>Map element ids (nodes and links) along the path, for highlighting; empty when there is none.</summary>
    public ImmutableArray<string> Path { get; init; } = [];
    /// <summary>Filled only when live verification ran (off by default).</summary>
    public ReachabilityObservation? Observed { get; init; }
}

public sealed record ContainerRef
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string HostId { get; init; }
    /// <summary>When the container runs in another container's stack (<c>container:</c>), that container's name.</summary>
    public string? StackOwner { get; init; }
}

public sealed record IpVerdict
{
    public required bool Reachable { get; init; }
    public required string Reason { get; init; }
    /// <summary>The address to use from the source, e.g. "172.28.0.3" or "127.0.0.1".</summary>
    public string? Address { get; init; }
    /// <summary>Other addresses of the target that are reachable too (one per usable shared network).</summary>
    public ImmutableArray<string> Addresses { get; init; } = [];
    /// <summary>Published ports of the target the source could still use through the host, when no direct route exists.</summary>
    public ImmutableArray<string> ViaHost { get; init; } = [];
}

public sealed record NameVerdict
{
    public required bool Reachable { get; init; }
    /// <summary>Names the source's resolver turns into the target's address (container name, aliases, short id).</summary>
    public ImmutableArray<string> Names { get; init; } = [];
    public required string Reason { get; init; }
    /// <summary>Where the names are answered: "embedded-dns" (127.0.0.11), "localhost", or null.</summary>
    public string? Resolver { get; init; }
}

public sealed record EgressVerdict
{
    public required bool Reachable { get; init; }
    public required string Reason { get; init; }
}

public sealed record SharedNetwork
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Driver { get; init; }
    public string? FromAddress { get; init; }
    public string? ToAddress { get; init; }
    public bool Dns { get; init; }
    public bool Icc { get; init; }
    public bool Internal { get; init; }
    public bool DefaultBridge { get; init; }
}

/// <summary>What a live check inside the source container saw, next to the prediction.</summary>
public sealed record ReachabilityObservation
{
    public required ProbeOutcome Ping { get; init; }
    public required ProbeOutcome Lookup { get; init; }
    /// <summary>True when a check ran and its result contradicts the prediction.</summary>
    public bool Disagrees { get; init; }
    public required DateTimeOffset At { get; init; }
}

public sealed record ProbeOutcome
{
    /// <summary>The command run inside the source container, e.g. <c>ping -c1 -W1 172.28.0.3</c>; null when not run.</summary>
    public string? Command { get; init; }
    public required bool Ran { get; init; }
    /// <summary>Exit status 0 (ping answered / name resolved).</summary>
    public bool Succeeded { get; init; }
    /// <summary>Prediction the check is compared with.</summary>
    public bool Expected { get; init; }
    /// <summary>Why the check did not run, or the tail of its output.</summary>
    public string? Detail { get; init; }
    /// <summary>For lookups: the address the name resolved to.</summary>
    public string? ResolvedAddress { get; init; }

    public bool Disagrees => Ran && Succeeded != Expected;

    public static ProbeOutcome NotRun(string why, bool expected) => new() { Ran = false, Expected = expected, Detail = why };
}
