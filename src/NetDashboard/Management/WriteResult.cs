using System.Collections.Immutable;
using NetDashboard.Core.Management;
using NetDashboard.Core.Model;

namespace NetDashboard.Management;

/// <summary>
/// How one write attempt ended: its HTTP status (201/204 done; 400, 403, 404, 409 refused; 503 daemon out of reach),
/// the sentence saying why when refused, the problems per field, and the containers concerned.
/// </summary>
public sealed record WriteResult(int Status, string? Detail)
{
    public ImmutableSortedDictionary<string, ImmutableArray<string>> Errors { get; init; } = ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty;

    public ImmutableArray<ContainerRef> Attached { get; init; } = [];

    /// <summary>The network written (its id), and its host.</summary>
    public string? Id { get; init; }

    public string? HostId { get; init; }

    public string? Name { get; init; }

    /// <summary>A created network as the topology shows it, when it showed up in time.</summary>
    public NetworkInfo? Network { get; init; }

    public bool Succeeded => Status < 400;

    public static WriteResult From(ManagementRefusal refusal) =>
        new(refusal.Status, refusal.Detail) { Errors = refusal.Errors, Attached = refusal.Attached };
}
