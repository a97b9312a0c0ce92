using System.Collections.Immutable;

namespace NetDashboard.Core.Analysis;

/// <summary>
/// The NAT rules a Docker daemon wrote, as read from the kernel of its network namespace: the DNAT rules of its
/// published ports and the MASQUERADE rules of its bridge subnets, whichever firewall backend wrote them
/// (<see cref="IptablesNat"/> parses <c>iptables-save -t nat</c>, <see cref="NftablesNat"/> Engine 29's
/// <c>docker-bridges</c> tables).
/// </summary>
public sealed record NatRules
{
    public ImmutableArray<DnatRule> Dnat { get; init; } = [];
    public ImmutableArray<MasqueradeRule> Masquerade { get; init; } = [];
    /// <summary>Which backend's rules these are: <see cref="FirewallBackends.Iptables"/> or <see cref="FirewallBackends.Nftables"/>.</summary>
    public string Backend { get; init; } = FirewallBackends.Iptables;
    /// <summary>True when what was read holds Docker's rules at all (iptables: the DOCKER chain; nftables: the docker-bridges table).</summary>
    public bool HasDockerRules { get; init; }
    /// <summary>The chain Docker writes its published ports' DNAT rules in.</summary>
    public string DnatChain => Backend == FirewallBackends.Nftables ? NftablesNat.DnatChain : IptablesNat.DnatChain;
    /// <summary>What was read, in words: "iptables-save -t nat", or "nft list table ip|ip6 docker-bridges".</summary>
    public string Source => Backend == FirewallBackends.Nftables ? $"nft list table ip|ip6 {NftablesNat.Table}" : "iptables-save -t nat";
    /// <summary>What holds Docker's rules, for a sentence saying it is missing: "DOCKER chain", "docker-bridges table".</summary>
    public string DockerRulesName => Backend == FirewallBackends.Nftables ? $"{NftablesNat.Table} table" : $"{IptablesNat.DnatChain} chain";
}

/// <summary>The backends Docker writes its rules with (<c>FirewallBackend.Driver</c> of <c>/info</c>, API 1.49+).</summary>
public static class FirewallBackends
{
    public const string Iptables = "iptables";
    public const string Nftables = "nftables";

    public static bool IsNftables(string? backend) => string.Equals(backend, Nftables, StringComparison.OrdinalIgnoreCase);
}

public sealed record DnatRule
{
    /// <summary>The rule as the kernel lists it (iptables-save syntax, or nft's for the nftables backend).</summary>
    public required string Text { get; init; }
    public required string Chain { get; init; }
    /// <summary>The host address the rule is limited to (-d, <c>ip daddr</c>), or null for every address.</summary>
    public string? Destination { get; init; }
    public required string Protocol { get; init; }
    public required int HostPort { get; init; }
    public string? ExcludedInInterface { get; init; }
    public required string ToAddress { get; init; }
    public required int ToPort { get; init; }
}

public sealed record MasqueradeRule
{
    public required string Text { get; init; }
    public required string Source { get; init; }
    public string? ExcludedOutInterface { get; init; }
    public string? Destination { get; init; }
}
