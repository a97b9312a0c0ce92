namespace NetDashboard.Core.Analysis;

/// <summary>
/// The kernel's nat table as the dashboard's own machine has it, for comparing with a derived <see cref="NatPath"/>.
/// Never throws for a missing tool or permission: the answer then carries the reason.
/// </summary>
public interface INatRuleSource
{
    Task<NatTableRead> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>The parsed nat table, or why it could not be read; <see cref="Tool"/> names the command that answered.</summary>
public sealed record NatTableRead(IptablesNat? Table, string? Error, string? Tool);
