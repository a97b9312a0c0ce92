using System.Collections.Immutable;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Map;

/// <summary>
/// The swarm-scope networks (overlay, ingress) that two or more of the drawn hosts carry: each is drawn ONCE, as one
/// region spanning those hosts (<see cref="MapRegion.HostIds"/>; <see cref="MapLayout"/> places it beside their bands),
/// holding every node's containers. Its region and network node carry the id of the host that owns it — the network's
/// own host when drawn, else the first drawn host carrying it — so every id a caller derives from the network's host
/// names them. A network on one drawn host (a host filter, or a single node) is drawn in that host as any other.
/// </summary>
internal sealed class SwarmSpans
{
    private readonly Dictionary<string, (string Owner, ImmutableArray<string> Hosts)> _spans;
    private Dictionary<string, int>? _counts;

    private SwarmSpans(Dictionary<string, (string, ImmutableArray<string>)> spans) => _spans = spans;

    public static SwarmSpans Of(TopologySnapshot snapshot)
    {
        var spans = new Dictionary<string, (string, ImmutableArray<string>)>(StringComparer.Ordinal);
        foreach (var n in snapshot.Networks.Where(n => n.IsSwarmScope && n.Driver is not ("host" or "null")))
        {
            var hosts = snapshot.Hosts.Select(h => h.Id).Where(n.IsOn).ToImmutableArray();
            if (hosts.Length >= 2)
            {
                spans[n.Id] = (hosts.Contains(n.HostId) ? n.HostId : hosts[0], hosts);
            }
        }
        return new SwarmSpans(spans);
    }

    /// <summary>The host whose ids name the network's region and node: its owner when it spans, else <paramref name="hostId"/>.</summary>
    public string Owner(string networkId, string hostId) => _spans.TryGetValue(networkId, out var span) ? span.Owner : hostId;

    /// <summary>The drawn hosts a spanning network's region spans; empty for any other network.</summary>
    public ImmutableArray<string> HostsOf(string networkId) => _spans.TryGetValue(networkId, out var span) ? span.Hosts : [];

    /// <summary>Containers whose home is each spanning region, over every host (computed once per graph).</summary>
    public IReadOnlyDictionary<string, int> Counts(TopologySnapshot snapshot, MapOptions options,
        Func<ContainerInfo, string, Dictionary<string, ContainerInfo>, string> home)
    {
        if (_spans.Count == 0)
        {
            return ImmutableDictionary<string, int>.Empty;
        }
        if (_counts is null)
        {
            var regions = _spans.Select(s => TopologyGraphBuilder.NetworkRegionId(s.Value.Owner, s.Key)).ToHashSet(StringComparer.Ordinal);
            _counts = regions.ToDictionary(r => r, _ => 0, StringComparer.Ordinal);
            foreach (var host in snapshot.Hosts)
            {
                var byId = snapshot.Containers.Where(c => c.HostId == host.Id).ToDictionary(c => c.Id, StringComparer.Ordinal);
                foreach (var c in byId.Values.Where(c => !options.HideStopped || c.IsRunning))
                {
                    if (home(c, host.Id, byId) is var region && regions.Contains(region))
                    {
                        _counts[region]++;
                    }
                }
            }
        }
        return _counts;
    }
}
