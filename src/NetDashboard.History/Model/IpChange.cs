namespace NetDashboard.History.Model;

/// <summary>
/// A container whose current address on a network differs from its previous assignment there (Docker gives a
/// restarted container a new IP when another one took its old IP meanwhile): the "IP changed after restart" badge.
/// </summary>
public sealed record IpChange
{
    public required string HostId { get; init; }
    public required string ContainerId { get; init; }
    public required string ContainerName { get; init; }
    public required string NetworkId { get; init; }
    public required string NetworkName { get; init; }
    public string? PreviousIpv4 { get; init; }
    public string? PreviousIpv6 { get; init; }
    public string? CurrentIpv4 { get; init; }
    public string? CurrentIpv6 { get; init; }
    /// <summary>When the previous assignment ended.</summary>
    public DateTimeOffset? PreviousUntil { get; init; }
    /// <summary>When the current assignment began.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary><c>172.17.0.5 → 172.17.0.6 on bridge</c>.</summary>
    public string Summary =>
        $"{PreviousIpv4 ?? PreviousIpv6 ?? "no address"} → {CurrentIpv4 ?? CurrentIpv6 ?? "no address"} on {NetworkName}";
}
