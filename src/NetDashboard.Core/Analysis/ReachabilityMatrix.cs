using System.Collections.Immutable;
using NetDashboard.Core.Lookup;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Analysis;

/// <summary>Containers × containers: for each ordered pair, reachable by IP and by name (row = from, column = to).</summary>
public sealed record ReachabilityMatrix
{
    public ImmutableArray<ContainerRef> Containers { get; init; } = [];
    /// <summary>Cells[row][column]; the diagonal is the container itself.</summary>
    public ImmutableArray<ImmutableArray<MatrixCell>> Cells { get; init; } = [];

    /// <summary>
    /// The containers of <paramref name="snapshot"/> that pass the filters, in name order. <paramref name="network"/> is
    /// resolved by <see cref="TopologyResolver"/>; one that names no single network filters nothing (callers that answer
    /// users resolve it first and say why).
    /// </summary>
    public static ImmutableArray<ContainerInfo> Select(TopologySnapshot snapshot, string? hostId = null, string? network = null, bool runningOnly = false)
    {
        var net = network is null ? null : TopologyResolver.Network(snapshot, network, hostId).Single;
        return [.. snapshot.Containers
            .Where(c => hostId is null || c.HostId == hostId)
            .Where(c => !runningOnly || c.IsRunning)
            .Where(c => net is null || OnNetwork(snapshot, c, net))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.HostId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Every ordered pair's verdicts. Each container's stack is read once and a cell is a set intersection, so 200
    /// containers (40,000 cells) stay cheap; <see cref="ReachabilityAnalyzer.Analyze"/> gives the same verdicts with reasons
    /// (a test holds the two to each other on whole topologies).
    /// </summary>
    public static ReachabilityMatrix Build(TopologySnapshot snapshot, IReadOnlyList<ContainerInfo> containers)
    {
        var profiles = containers.Select(c => Profile.Of(snapshot, c)).ToArray();
        var rows = ImmutableArray.CreateBuilder<ImmutableArray<MatrixCell>>(containers.Count);
        foreach (var from in profiles)
        {
            var row = ImmutableArray.CreateBuilder<MatrixCell>(containers.Count);
            foreach (var to in profiles)
            {
                row.Add(Cell(from, to));
            }
            rows.Add(row.MoveToImmutable());
        }
        return new ReachabilityMatrix
        {
            Containers = [.. containers.Select(c => new ContainerRef { Id = c.Id, Name = c.Name, HostId = c.HostId })],
            Cells = rows.MoveToImmutable(),
        };
    }

    /// <summary>
    /// One ordered pair's verdicts (the same as a matrix cell), for callers that ask about many scattered pairs of one
    /// topology: each container's stack is read once per <paramref name="snapshot"/> and cached in the returned function.
    /// </summary>
    public static Func<ContainerInfo, ContainerInfo, MatrixCell> Verdicts(TopologySnapshot snapshot)
    {
        var profiles = new Dictionary<string, Profile>(StringComparer.Ordinal);
        Profile Get(ContainerInfo c)
        {
            if (!profiles.TryGetValue(c.Id, out var p))
            {
                p = profiles[c.Id] = Profile.Of(snapshot, c);
            }
            return p;
        }
        return (from, to) => Cell(Get(from), Get(to));
    }

    private static readonly MatrixCell DifferentHosts = new() { Relation = "different-hosts" };
    private static readonly MatrixCell Nothing = new() { Relation = "none" };
    private static readonly MatrixCell SameStack = new() { ByIp = true, ByName = true, Relation = "same-stack" };
    private static readonly MatrixCell BothHost = new() { ByIp = true, ByName = true, Relation = "host-stack" };
    private static readonly MatrixCell HostIpOnly = new() { ByIp = true, Relation = "host-stack" };
    private static readonly MatrixCell HostNoRoute = new() { Relation = "host-stack" };

    // Mirrors ReachabilityAnalyzer's decisions, without the sentences.
    private static MatrixCell Cell(Profile from, Profile to)
    {
        if (from.HostId != to.HostId) return DifferentHosts;
        if (!from.Up || !to.Up) return Nothing;
        if (from.OwnerId == to.OwnerId) return SameStack;
        if (from.Kind == NetworkModeKind.None || to.Kind == NetworkModeKind.None) return Nothing;
        var fromHost = from.Kind == NetworkModeKind.Host;
        var toHost = to.Kind == NetworkModeKind.Host;
        if (fromHost && toHost) return BothHost;
        if (fromHost) return to.AnyIpv4 ? HostIpOnly : HostNoRoute;
        if (toHost) return from.AnyGateway ? HostIpOnly : HostNoRoute;
        bool shared = false, byIp = false, dnsWithIcc = false;
        foreach (var (networkId, mine) in from.Networks)
        {
            if (!to.Networks.TryGetValue(networkId, out var theirs)) continue;
            shared = true;
            byIp |= mine.Icc && theirs.HasAddress;
            dnsWithIcc |= mine.Dns && mine.Icc;
        }
        if (!shared) return Nothing;
        return new MatrixCell { ByIp = byIp, ByName = byIp && dnsWithIcc, Relation = "network" };
    }

    private sealed record Attachment(bool Icc, bool Dns, bool HasAddress);

    private sealed record Profile(string HostId, bool Up, string? OwnerId, NetworkModeKind? Kind,
        Dictionary<string, Attachment> Networks, bool AnyIpv4, bool AnyGateway)
    {
        public static Profile Of(TopologySnapshot snapshot, ContainerInfo c)
        {
            var stack = NetworkStack.Of(snapshot, c);
            var bridged = stack.Owner is { } owner ? ReachabilityAnalyzer.Bridged(snapshot, owner).ToList() : [];
            var networks = new Dictionary<string, Attachment>(StringComparer.Ordinal);
            foreach (var (network, endpoint) in bridged)
            {
                networks.TryAdd(network.Id, new Attachment(network.Icc, network.Dns, (endpoint.Ipv4 ?? endpoint.Ipv6) is not null));
            }
            return new Profile(c.HostId, stack.DownReason() is null, stack.Owner?.Id, stack.Kind, networks,
                bridged.Any(x => x.Endpoint.Ipv4 is not null), bridged.Any(x => x.Endpoint.Gateway is not null));
        }
    }

    /// <summary>On the network itself, or sharing the stack of a container that is.</summary>
    private static bool OnNetwork(TopologySnapshot snapshot, ContainerInfo c, NetworkInfo network)
    {
        var owner = NetworkStack.Of(snapshot, c).Owner ?? c;
        return network.IsOn(owner.HostId)
               && (owner.Endpoints.Any(e => e.NetworkId == network.Id)
                   || (network.Driver == "host" && owner.NetworkMode.Kind == NetworkModeKind.Host)
                   || (network.Driver == "null" && owner.NetworkMode.Kind == NetworkModeKind.None));
    }
}

public sealed record MatrixCell
{
    public bool ByIp { get; init; }
    public bool ByName { get; init; }
    public required string Relation { get; init; }
}
