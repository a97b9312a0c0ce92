using System.Collections.Immutable;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.History.Tests;

/// <summary>Hand-made snapshots and origins: one host, a user network, containers with one endpoint each.</summary>
internal static class Topologies
{
    public const string Host = "local";
    public const string NetId = "net0000000000000000000000000000000000000000000000000000000000001";
    public const string NetName = "app";
    public static readonly DateTimeOffset T0 = new(2026, 11, 28, 14, 0, 0, TimeSpan.Zero);

    public static ContainerInfo Container(string id, string name, string? ip, string endpointId = "ep-1", DateTimeOffset? startedAt = null,
        string? veth = "veth1234567", string state = "running", NetworkModeKind mode = NetworkModeKind.Network, string? ipv6 = null) => new()
    {
        Id = id,
        HostId = Host,
        Name = name,
        Image = "busybox",
        State = state,
        NetworkMode = new NetworkModeInfo { Kind = mode, Raw = mode == NetworkModeKind.Network ? NetName : mode.ToString().ToLowerInvariant() },
        StartedAt = startedAt,
        Endpoints = ip is null && ipv6 is null && state != "running"
            ? [new EndpointInfo { NetworkId = "", NetworkName = NetName }]
            : [new EndpointInfo
            {
                NetworkId = NetId,
                NetworkName = NetName,
                Ipv4 = ip,
                Ipv4PrefixLength = ip is null ? null : 29,
                Ipv6 = ipv6,
                Ipv6PrefixLength = ipv6 is null ? null : 64,
                Mac = ip is null ? null : "02:42:0a:e7:00:" + ip.Split('.')[^1].PadLeft(2, '0'),
                EndpointId = endpointId,
                HostInterface = veth,
                ContainerInterface = veth is null ? null : "eth0",
            }],
    };

    public static TopologySnapshot Snapshot(DateTimeOffset at, bool connected = true, params ContainerInfo[] containers) => new()
    {
        Revision = 1,
        GeneratedAt = at,
        Hosts = [new HostInfo { Id = Host, Name = Host, Endpoint = "unix:///var/run/docker.sock", Status = connected ? HostStatus.Connected : HostStatus.Disconnected }],
        Networks = [new NetworkInfo { Id = NetId, HostId = Host, Name = NetName, Driver = "bridge", Scope = "local" }],
        Containers = connected ? [.. containers] : [],
    };

    public static ObservationOrigin[] Live(params ObservedEvent[] events) => [new(Host, true, ObservationCause.Event, [.. events])];

    public static ObservationOrigin[] Resync() => [new(Host, true, ObservationCause.Resync, ImmutableArray<ObservedEvent>.Empty)];

    public static ObservedEvent Event(string action, string containerId, DateTimeOffset at, string? name = null) => new()
    {
        Time = at,
        Type = "container",
        Action = action,
        ActorId = containerId,
        ContainerId = containerId,
        ContainerName = name,
    };
}
