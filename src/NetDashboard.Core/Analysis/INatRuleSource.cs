namespace NetDashboard.Core.Analysis;

/// <summary>
/// The kernel's nat table where a daemon writes its rules, for comparing with a derived <see cref="NatPath"/>.
/// Never throws for a missing tool, permission or namespace: the answer then carries the reason.
/// </summary>
public interface INatRuleSource
{
    Task<NatTableRead> ReadAsync(NatTableTarget target, CancellationToken cancellationToken);
}

/// <summary>
/// Whose nat table to read. <see cref="DaemonSocket"/>: the unix socket of the daemon, whose own network namespace is
/// read (found from the process answering on it); null: the dashboard's own namespace, for a host the configuration
/// says shares it. <see cref="FirewallBackend"/>: what the daemon reported writing its rules with.
/// </summary>
public sealed record NatTableTarget(string? DaemonSocket, string? FirewallBackend = null);

/// <summary>The parsed nat table, or why it could not be read; <see cref="Tool"/> names the command that answered.</summary>
public sealed record NatTableRead(NatRules? Table, string? Error, string? Tool)
{
    /// <summary>Whose table it is, in words ("the network namespace of dockerd, pid 812"); null when none was read.</summary>
    public string? Namespace { get; init; }
}
