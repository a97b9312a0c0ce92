using System.Collections.Immutable;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;

namespace NetDashboard.History.Tests.Timeline;

/// <summary>
/// A container's life as consecutive revisions, the way the store publishes them (each with the delta from the one
/// before): created on network a, renamed, reconnected to network b, removed.
/// </summary>
internal static class TimelineTopologies
{
    public const string NetA = "neta000000000000000000000000000000000000000000000000000000000001";
    public const string NetB = "netb000000000000000000000000000000000000000000000000000000000002";
    public const string Id = "c000000000000000000000000000000000000000000000000000000000000001";

    public static NetworkInfo Network(string id, string name, string subnet) => new()
    {
        Id = id, HostId = Topologies.Host, Name = name, Driver = "bridge", Scope = "local",
        Subnets = [new SubnetInfo { Subnet = subnet, Gateway = subnet.Replace("0/24", "1") }],
        Labels = ImmutableSortedDictionary<string, string>.Empty.Add("netdashboard.test", "1"),
    };

    public static ContainerInfo Container(string name, string networkId, string networkName, string ip) => new()
    {
        Id = Id, HostId = Topologies.Host, Name = name, Image = "nd-busybox:1", State = "running",
        NetworkMode = new NetworkModeInfo { Kind = NetworkModeKind.Network, Raw = networkName },
        Ports = [new PortInfo { ContainerPort = 80, Protocol = "tcp", HostIp = "0.0.0.0", HostPort = 8080 }],
        Endpoints = [new EndpointInfo { NetworkId = networkId, NetworkName = networkName, Ipv4 = ip, Ipv4PrefixLength = 24, Mac = "02:42:0a:00:00:02", Aliases = ["c1"] }],
        StartedAt = Topologies.T0,
        Labels = ImmutableSortedDictionary<string, string>.Empty.Add("netdashboard.test", "1"),
    };

    public static TopologySnapshot Snapshot(long revision, DateTimeOffset at, params ContainerInfo[] containers) => TopologyOrdering.Sorted(new TopologySnapshot
    {
        Revision = revision,
        GeneratedAt = at,
        Hosts = [new HostInfo { Id = Topologies.Host, Name = Topologies.Host, Endpoint = "unix:///var/run/docker.sock", Status = HostStatus.Connected, EngineVersion = "20.10.24", ApiVersion = "1.41" }],
        Networks = [Network(NetA, "a", "10.0.0.0/24"), Network(NetB, "b", "10.0.1.0/24")],
        Containers = [.. containers],
    });

    /// <summary>Before, created, renamed, reconnected, removed: five revisions a few seconds (and some ticks) apart.</summary>
    public static IReadOnlyList<TopologySnapshot> Life(long firstRevision = 1, DateTimeOffset? start = null)
    {
        var t = start ?? Topologies.T0;
        var tick = TimeSpan.FromSeconds(5) + TimeSpan.FromTicks(1234567);
        return
        [
            Snapshot(firstRevision, t),
            Snapshot(firstRevision + 1, t + tick, Container("c1", NetA, "a", "10.0.0.2")),
            Snapshot(firstRevision + 2, t + 2 * tick, Container("c1-renamed", NetA, "a", "10.0.0.2")),
            Snapshot(firstRevision + 3, t + 3 * tick, Container("c1-renamed", NetB, "b", "10.0.1.2")),
            Snapshot(firstRevision + 4, t + 4 * tick),
        ];
    }

    /// <summary>Each snapshot with the delta from the one before (null for the first).</summary>
    public static IEnumerable<(TopologySnapshot Snapshot, TopologyDelta? Delta)> WithDeltas(IReadOnlyList<TopologySnapshot> snapshots) =>
        snapshots.Select((s, i) => (s, i == 0 ? null : TopologyDiff.Compute(snapshots[i - 1], s)));
}
