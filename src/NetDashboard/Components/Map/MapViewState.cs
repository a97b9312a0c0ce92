using System.Collections.Immutable;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>What is selected on the map: a node or a link, by its map id.</summary>
public sealed record MapSelection(string Id, bool IsLink);

/// <summary>
/// The viewer's choices on the map: filters (host, networks, states, modes), hide stopped, the search, the collapsed
/// networks and the selection. Filters decide what is drawn (a filtered snapshot is projected); the search only
/// highlights. Plain state, no rendering: the map component reads it.
/// </summary>
public sealed class MapViewState
{
    /// <summary>The state filter's values: the daemon's words, "running" and the rest.</summary>
    public static readonly ImmutableArray<string> States = ["running", "paused", "restarting", "created", "exited", "dead"];

    public string? HostId { get; set; }

    /// <summary>Network ids; empty for all.</summary>
    public ImmutableHashSet<string> Networks { get; set; } = ImmutableHashSet<string>.Empty;

    /// <summary>Container states; empty for all.</summary>
    public ImmutableHashSet<string> StateFilter { get; set; } = ImmutableHashSet<string>.Empty;

    /// <summary>Network modes; empty for all.</summary>
    public ImmutableHashSet<NetworkModeKind> Modes { get; set; } = ImmutableHashSet<NetworkModeKind>.Empty;

    /// <summary>Swarm service names: only their tasks' containers are drawn; empty for all containers.</summary>
    public ImmutableHashSet<string> Services { get; set; } = ImmutableHashSet<string>.Empty;

    public bool HideStopped { get; set; }

    /// <summary>Whether observed connections are drawn, and their time window.</summary>
    public MapTrafficView Traffic { get; } = new();

    public string Search { get; set; } = "";

    public ImmutableHashSet<string> Collapsed { get; set; } = ImmutableHashSet<string>.Empty;

    /// <summary>Compose projects and Swarm services drawn as one node per host (keys of <see cref="MapGroups.KeyOf"/>).</summary>
    public ImmutableHashSet<string> CollapsedGroups { get; set; } = ImmutableHashSet<string>.Empty;

    /// <summary>The "what changed since" view: what to mark added, removed or changed; null when off.</summary>
    public MapChanges? Changes { get; set; }

    /// <summary><c>?expand=all</c>: start with every network expanded, however large the map.</summary>
    public bool ExpandAll { get; set; }

    /// <summary>True once the large-map default (<see cref="TopologyGraphBuilder.DefaultCollapsed"/>) was applied.</summary>
    public bool DefaultsApplied { get; private set; }

    /// <summary>How many networks the large-map default collapsed (0 for a small map).</summary>
    public int AutoCollapsedCount { get; private set; }

    /// <summary>How many compose projects and services the large-map default grouped (0 for a small map).</summary>
    public int AutoGroupedCount { get; private set; }

    public MapSelection? Selection { get; set; }

    /// <summary>The reachability path the map highlights (<c>/?from=&amp;to=</c>); null for none.</summary>
    public MapReach? Reach { get; set; }

    public bool HasFilters => HostId is not null || !Networks.IsEmpty || !StateFilter.IsEmpty || !Modes.IsEmpty || !Services.IsEmpty;

    public bool HasSearch => !string.IsNullOrWhiteSpace(Search);

    /// <summary>
    /// On the first snapshot with containers, start a large map with its big networks collapsed and, above
    /// <paramref name="groupAbove"/> containers, its compose projects and services grouped.
    /// </summary>
    public void ApplyDefaults(TopologySnapshot snapshot, int groupAbove = MapOptions.DefaultGroupAbove)
    {
        if (DefaultsApplied || snapshot.Containers.IsEmpty)
        {
            return;
        }
        DefaultsApplied = true;
        if (ExpandAll)
        {
            return;
        }
        var collapsed = TopologyGraphBuilder.DefaultCollapsed(snapshot);
        AutoCollapsedCount = collapsed.Count;
        Collapsed = Collapsed.Union(collapsed);
        var groups = MapGroups.DefaultCollapsed(snapshot, groupAbove);
        AutoGroupedCount = groups.Count;
        CollapsedGroups = CollapsedGroups.Union(groups);
    }

    /// <summary>Expands a collapsed project or service (or collapses it back).</summary>
    public void ToggleGroup(string key) =>
        CollapsedGroups = CollapsedGroups.Contains(key) ? CollapsedGroups.Remove(key) : CollapsedGroups.Add(key);

    public void ToggleCollapsed(string networkId) =>
        Collapsed = Collapsed.Contains(networkId) ? Collapsed.Remove(networkId) : Collapsed.Add(networkId);

    public void ClearFilters()
    {
        HostId = null;
        Networks = Networks.Clear();
        StateFilter = StateFilter.Clear();
        Modes = Modes.Clear();
        Services = Services.Clear();
    }

    public MapOptions Options => new() { Collapsed = Collapsed, HideStopped = HideStopped, CollapsedGroups = CollapsedGroups };

    /// <summary>The part of the snapshot the filters let through (the snapshot itself when no filter is set).</summary>
    public TopologySnapshot Filter(TopologySnapshot snapshot)
    {
        if (!HasFilters)
        {
            return snapshot;
        }
        var hosts = snapshot.Hosts.Where(h => HostId is null || h.Id == HostId).ToImmutableArray();
        var hostIds = hosts.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var networks = snapshot.Networks
            .Where(n => (hostIds.Contains(n.HostId) || n.HostIds.Any(hostIds.Contains)) && (Networks.IsEmpty || Networks.Contains(n.Id) || n.Driver is "host" or "null"))
            .ToImmutableArray();
        var byId = snapshot.Containers.ToDictionary(c => (c.HostId, c.Id));
        var containers = snapshot.Containers
            .Where(c => hostIds.Contains(c.HostId)
                        && (StateFilter.IsEmpty || StateFilter.Contains(c.State))
                        && (Modes.IsEmpty || Modes.Contains(c.NetworkMode.Kind))
                        && (Services.IsEmpty || (c.Service is { } task && Services.Contains(task.Name)))
                        && (Networks.IsEmpty || OnNetworks(c, byId)))
            .ToImmutableArray();
        var services = snapshot.Services.Where(s => Services.IsEmpty || Services.Contains(s.Name)).ToImmutableArray();
        return snapshot with { Hosts = hosts, Networks = networks, Containers = containers, Services = services };
    }

    private bool OnNetworks(ContainerInfo c, Dictionary<(string, string), ContainerInfo> byId)
    {
        var own = c.NetworkMode is { Kind: NetworkModeKind.Container, SharesWith: { } owner } && byId.TryGetValue((c.HostId, owner), out var o) ? o : c;
        return own.Endpoints.Any(e => Networks.Contains(e.NetworkId));
    }

    /// <summary>
    /// The map ids of the nodes the search matches (containers by name, id, image, IP, network, label; networks by
    /// name, id, driver, bridge, subnet, label; hosts by name), and per collapsed node how many hidden containers match.
    /// </summary>
    public SearchResult Match(TopologySnapshot snapshot, TopologyGraph graph)
    {
        if (!HasSearch)
        {
            return SearchResult.None;
        }
        var hosts = snapshot.Hosts.ToDictionary(h => h.Id, StringComparer.Ordinal);
        var containers = snapshot.Containers.ToDictionary(c => (c.HostId, c.Id));
        var networks = snapshot.Networks.ToDictionary(n => (n.HostId, n.Id));
        var matches = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var hidden = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            var match = node.Kind switch
            {
                MapNodeKind.Container => containers.TryGetValue((node.HostId, node.RefId), out var c) && ContainerMatches(c, hosts, containers),
                MapNodeKind.Bridge or MapNodeKind.Network => networks.TryGetValue((node.HostId, node.RefId), out var n)
                                                             && TopologySearch.Matches(Search, TopologySearch.Texts(new NetworkRow(n, hosts.GetValueOrDefault(n.HostId), 0))),
                MapNodeKind.Host => TopologySearch.Matches(Search, [node.Label, node.RefId]),
                _ => false,
            };
            if (node.Kind == MapNodeKind.CollapsedNetwork)
            {
                var inside = snapshot.Containers.Count(c => c.HostId == node.HostId && HomeIs(c, node.RefId, containers) && ContainerMatches(c, hosts, containers));
                if (inside > 0)
                {
                    hidden[node.Id] = inside;
                    match = true;
                }
            }
            if (node.Kind == MapNodeKind.Group)
            {
                // Its members on that host, unless a collapsed network holds them (that node counts them).
                var inside = snapshot.Containers.Count(c => c.HostId == node.HostId && MapGroups.KeyOf(c) == node.RefId
                                                            && !Collapsed.Any(n => HomeIs(c, n, containers)) && ContainerMatches(c, hosts, containers));
                if (inside > 0)
                {
                    hidden[node.Id] = inside;
                    match = true;
                }
            }
            if (match)
            {
                matches.Add(node.Id);
            }
        }
        return new SearchResult(matches.ToImmutable(), hidden.ToImmutable());
    }

    /// <summary>The container Enter in the search box focuses: the first match in name order (then host), or null.</summary>
    public ContainerInfo? FirstMatch(TopologySnapshot snapshot)
    {
        if (!HasSearch)
        {
            return null;
        }
        var hosts = snapshot.Hosts.ToDictionary(h => h.Id, StringComparer.Ordinal);
        var containers = snapshot.Containers.ToDictionary(c => (c.HostId, c.Id));
        return snapshot.Containers.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.HostId, StringComparer.Ordinal)
            .FirstOrDefault(c => (!HideStopped || c.IsRunning) && ContainerMatches(c, hosts, containers));
    }

    private bool ContainerMatches(ContainerInfo c, Dictionary<string, HostInfo> hosts, Dictionary<(string, string), ContainerInfo> containers)
    {
        var owner = c.NetworkMode is { Kind: NetworkModeKind.Container, SharesWith: { } o } ? containers.GetValueOrDefault((c.HostId, o)) : null;
        return TopologySearch.Matches(Search, TopologySearch.Texts(new ContainerRow(c, hosts.GetValueOrDefault(c.HostId), owner)));
    }

    // A container hidden in a collapsed network: attached to it, directly or through the namespace it shares.
    private static bool HomeIs(ContainerInfo c, string networkId, Dictionary<(string, string), ContainerInfo> containers)
    {
        var own = c.NetworkMode is { Kind: NetworkModeKind.Container, SharesWith: { } o } && containers.TryGetValue((c.HostId, o), out var owner) ? owner : c;
        return own.Endpoints.Any(e => e.NetworkId == networkId);
    }
}

/// <summary>The nodes a search matches; empty (and <see cref="Active"/> false) without a search.</summary>
public sealed record SearchResult(ImmutableHashSet<string> Matches, ImmutableDictionary<string, int> HiddenMatches)
{
    public bool Active { get; init; } = true;

    public static SearchResult None { get; } = new(ImmutableHashSet<string>.Empty, ImmutableDictionary<string, int>.Empty) { Active = false };
}
