namespace NetDashboard.History.Model;

/// <summary>
/// One dated endpoint assignment: a container held these addresses on this network from <see cref="From"/> until
/// <see cref="To"/> (null while it still holds them). A restart, even with the same IP, is a new assignment: the
/// endpoint and its veth are new.
/// </summary>
public sealed record AssignmentRecord
{
    public required string HostId { get; init; }
    public required string ContainerId { get; init; }
    /// <summary>The container's name when the assignment began.</summary>
    public required string ContainerName { get; init; }
    /// <summary>The network's id (its name where the daemon gave no id).</summary>
    public required string NetworkId { get; init; }
    public required string NetworkName { get; init; }
    public string? EndpointId { get; init; }
    public string? Ipv4 { get; init; }
    public int? Ipv4PrefixLength { get; init; }
    public string? Ipv6 { get; init; }
    public int? Ipv6PrefixLength { get; init; }
    public string? Mac { get; init; }
    /// <summary>The host-side veth of the endpoint, when the dashboard could see it.</summary>
    public string? Veth { get; init; }
    /// <summary>The interface inside the container (eth0…), when known.</summary>
    public string? ContainerInterface { get; init; }
    public required DateTimeOffset From { get; init; }
    public DateTimeOffset? To { get; init; }
    /// <summary>The start was first seen on a connect or resync, not from the event stream: <see cref="From"/> is a bound.</summary>
    public bool OpenedAtResync { get; init; }
    /// <summary>The end was first seen on a connect or resync: <see cref="To"/> is the moment it was noticed.</summary>
    public bool ClosedAtResync { get; init; }

    public AssignmentKey Key => new(HostId, ContainerId, NetworkId);

    public bool IsOpen => To is null;

    /// <summary>Held the address at <paramref name="at"/>: from ≤ at &lt; to.</summary>
    public bool HeldAt(DateTimeOffset at) => From <= at && (To is null || at < To);
}

/// <summary>A container's place on one network of one host: at most one assignment per key is open at a time.</summary>
public readonly record struct AssignmentKey(string HostId, string ContainerId, string NetworkId);
