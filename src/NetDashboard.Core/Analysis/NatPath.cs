using System.Collections.Immutable;

namespace NetDashboard.Core.Analysis;

/// <summary>How traffic gets from the host's published ports to one container, and out again (row S6 of the seed).</summary>
public sealed record NatPath
{
    public required string ContainerId { get; init; }
    public required string ContainerName { get; init; }
    public required string HostId { get; init; }
    public ImmutableArray<PublishedPortPath> Published { get; init; } = [];
    public ImmutableArray<MasqueradePath> Masquerade { get; init; } = [];
    /// <summary>"derived" (from the model only) or "compared" (checked against the kernel's nat table).</summary>
    public required string Source { get; init; }
    /// <summary>A sentence about the comparison: why it could not be made, or what it found.</summary>
    public required string Note { get; init; }
    /// <summary>Kernel rules that point at this container's addresses but were not predicted.</summary>
    public ImmutableArray<string> UnexpectedRules { get; init; } = [];
    public int Differences => Published.Count(p => p.Kernel is NatRuleMatch.Missing or NatRuleMatch.Differs)
                              + Masquerade.Count(m => m.Kernel is NatRuleMatch.Missing) + UnexpectedRules.Length;
}

public enum NatRuleMatch
{
    /// <summary>Not compared (no kernel rules read, or a family the dashboard does not read).</summary>
    NotCompared,
    Match,
    /// <summary>The kernel has no rule for this port.</summary>
    Missing,
    /// <summary>The kernel has a rule for this port that goes somewhere else.</summary>
    Differs,
}

public sealed record PublishedPortPath
{
    public required string HostIp { get; init; }
    /// <summary>The host port DNAT'd from; null for a routed port (no DNAT, no host port).</summary>
    public int? HostPort { get; init; }
    /// <summary>Published on a routed network: reached at <see cref="ContainerIp"/>:<see cref="ContainerPort"/> directly.</summary>
    public bool Routed { get; init; }
    public required string Protocol { get; init; }
    public string? ContainerIp { get; init; }
    public required int ContainerPort { get; init; }
    public string? Network { get; init; }
    public string? Bridge { get; init; }
    /// <summary>The rule Docker writes for it, in iptables-save syntax.</summary>
    public string? ExpectedRule { get; init; }
    public NatRuleMatch Kernel { get; init; }
    /// <summary>The kernel's rule, when one was found.</summary>
    public string? KernelRule { get; init; }
    /// <summary>One line: "0.0.0.0:8080 → DNAT → 172.17.0.2:80/tcp on docker0".</summary>
    public required string Summary { get; init; }
}

public sealed record MasqueradePath
{
    public required string Network { get; init; }
    public required string Subnet { get; init; }
    public string? Bridge { get; init; }
    public required string ExpectedRule { get; init; }
    public NatRuleMatch Kernel { get; init; }
    public required string Summary { get; init; }
}
