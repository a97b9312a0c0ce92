using System.Collections.Immutable;

namespace NetDashboard.Core.Traffic;

/// <summary>
/// Who talks to whom, for the map: the flows of a time window folded into one pair per two talkers — two containers,
/// or the host and a container (a published port used from the host, a container talking to its gateway). Flows with
/// the outside or inside one container are not pairs (the side panel lists them).
/// </summary>
public sealed record TrafficPair
{
    public required string HostId { get; init; }
    /// <summary>The client end's container id; null for the host.</summary>
    public string? FromId { get; init; }
    public required string ToId { get; init; }
    public required int Flows { get; init; }
    /// <summary>Flows the latest read still showed.</summary>
    public required int Live { get; init; }
    public required DateTimeOffset LastSeen { get; init; }
    /// <summary>"8080/tcp", one per destination port, ordered.</summary>
    public ImmutableArray<string> Ports { get; init; } = [];
    public ImmutableArray<string> Vias { get; init; } = [];
    /// <summary>A flow of the pair disagrees with the reachability analysis.</summary>
    public bool HasFinding { get; init; }

    /// <summary>Stable across reads: the map keeps the edge while the pair keeps talking.</summary>
    public string Id => $"traffic:{HostId}:{FromId ?? "host"}:{ToId}";

    /// <summary>1 (one flow, or only ended ones) to 5: how thick the map draws it.</summary>
    public int Weight => Live == 0 ? 1 : Math.Min(5, 1 + (int)Math.Log2(Live + 1));
}

public static class TrafficPairs
{
    /// <summary>The pairs of flows live now or last seen within <paramref name="window"/> before <paramref name="now"/>; zero window: live only.</summary>
    public static ImmutableArray<TrafficPair> Of(TrafficDocument document, TimeSpan window, DateTimeOffset now, string? hostId = null) =>
        [.. document.Flows
            .Where(f => (hostId is null || f.HostId == hostId) && (f.Live || (window > TimeSpan.Zero && now - f.LastSeen <= window)))
            .Where(f => f.Destination.ContainerId is not null && f.Source.ContainerId != f.Destination.ContainerId
                        && (f.Source.ContainerId is not null || f.Via is TrafficVia.PublishedPort or TrafficVia.Host))
            .GroupBy(f => (f.HostId, From: f.Source.ContainerId, To: f.Destination.ContainerId!))
            .Select(g => new TrafficPair
            {
                HostId = g.Key.HostId,
                FromId = g.Key.From,
                ToId = g.Key.To,
                Flows = g.Count(),
                Live = g.Count(f => f.Live),
                LastSeen = g.Max(f => f.LastSeen),
                Ports = [.. g.Select(f => $"{f.Destination.Port}/{f.Protocol}").Distinct().Order(StringComparer.Ordinal)],
                Vias = [.. g.Select(f => f.Via).Distinct().Order(StringComparer.Ordinal)],
                HasFinding = g.Any(f => f.Finding is not null),
            })
            .OrderBy(p => p.Id, StringComparer.Ordinal)];
}
