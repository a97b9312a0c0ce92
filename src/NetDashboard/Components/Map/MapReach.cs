using System.Collections.Immutable;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Lookup;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>
/// The pair whose path the map highlights (<c>/?from=&amp;to=</c>, or the side panel's "Reach another container…"):
/// what was asked, the two containers once found, the analysis, and the map ids to highlight. Immutable: the map
/// replaces it when the topology changes.
/// </summary>
public sealed record MapReach
{
    /// <summary>What the URL or the picker named (name, id or id prefix).</summary>
    public required string FromQuery { get; init; }

    public required string ToQuery { get; init; }

    public ContainerInfo? From { get; init; }

    public ContainerInfo? To { get; init; }

    public ReachabilityReport? Report { get; init; }

    /// <summary>The report's path plus both containers' nodes (so an unreachable pair still shows where they are).</summary>
    public ImmutableHashSet<string> Elements { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Why there is no report (a container not found, or gone), as one sentence.</summary>
    public string? Problem { get; init; }

    public bool Resolved => Report is not null;

    /// <summary>
    /// Finds the two containers (names, ids or id prefixes; <paramref name="hostId"/> narrows) by
    /// <see cref="TopologyResolver.Pair"/>, the rule the API answers by, and analyses the pair.
    /// </summary>
    public static MapReach Resolve(TopologySnapshot snapshot, string from, string to, string? hostId)
    {
        var pair = TopologyResolver.Pair(snapshot, from, to, hostId);
        return For(snapshot, from, to, pair.From.Single, pair.From.Single is null ? null : pair.To.Single, ProblemOf(pair, from, to));
    }

    /// <summary>Why a pair is not resolved, the source first: ambiguous (naming the candidates) or not found.</summary>
    private static string? ProblemOf(PairLookup pair, string from, string to) =>
        pair.From.Single is null
            ? pair.From.Ambiguity ?? $"No container is named or has the id “{from}”."
            : pair.To.Single is null
                ? pair.To.Ambiguity ?? $"No container is named or has the id “{to}”."
                : null;

    /// <summary>The same pair against a newer topology (by container id), or a problem when one of them is gone.</summary>
    public MapReach Refresh(TopologySnapshot snapshot)
    {
        if (From is null || To is null)
        {
            return Resolve(snapshot, FromQuery, ToQuery, null);
        }
        var source = snapshot.Containers.FirstOrDefault(c => c.HostId == From.HostId && c.Id == From.Id);
        var target = snapshot.Containers.FirstOrDefault(c => c.HostId == To.HostId && c.Id == To.Id);
        return source is null || target is null
            ? this with { Report = null, Elements = ImmutableHashSet<string>.Empty, Problem = $"{(source is null ? From.Name : To.Name)} is no longer in the topology." }
            : For(snapshot, FromQuery, ToQuery, source, target, null);
    }

    private static MapReach For(TopologySnapshot snapshot, string from, string to, ContainerInfo? source, ContainerInfo? target, string? problem)
    {
        if (source is null || target is null)
        {
            return new MapReach { FromQuery = from, ToQuery = to, From = source, Problem = problem };
        }
        var report = ReachabilityAnalyzer.Analyze(snapshot, source, target);
        return new MapReach
        {
            FromQuery = from,
            ToQuery = to,
            From = source,
            To = target,
            Report = report,
            Elements = [.. report.Path,
                TopologyGraphBuilder.ContainerNodeId(source.HostId, source.Id), TopologyGraphBuilder.ContainerNodeId(target.HostId, target.Id)],
        };
    }

    /// <summary>The networks to expand so every container and network on the path is drawn.</summary>
    public ImmutableHashSet<string> NetworksToExpand(TopologySnapshot snapshot)
    {
        var ids = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var c in new[] { From, To }.OfType<ContainerInfo>())
        {
            ids.UnionWith(c.Endpoints.Select(e => e.NetworkId));
            if (TopologyRows.Owner(snapshot, c) is { } owner)
            {
                ids.UnionWith(owner.Endpoints.Select(e => e.NetworkId));
            }
        }
        if (Report is not null)
        {
            foreach (var id in Report.Path.Where(p => p.StartsWith("net:", StringComparison.Ordinal)))
            {
                ids.Add(id[(id.LastIndexOf(':') + 1)..]);
            }
        }
        return ids.ToImmutable();
    }
}
