using System.Collections.Immutable;
using NetDashboard.Core.Observation;

namespace NetDashboard.Components.Tests;

/// <summary>
/// Observations of a small daemon for the component tests: a user-defined bridge network with a web container
/// (published port, resolvable veth), a host-mode container whose -p was discarded, a none-mode container,
/// a sidecar sharing web's namespace and a stopped container on the default bridge.
/// </summary>
public static class TestTopology
{
    public const string HostId = "local";
    public const string HostName = "laptop";
    public const string Endpoint = "unix:///var/run/docker.sock";

    public const string BridgeNetworkId = "b1d9e2f3a4b5c6d7e8f90112233445566778899aabbccddeeff00112233445566";
    public const string AppNetworkId = "a9f3c2d1e0b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4";
    public const string HostNetworkId = "4a5b6c7d8e9f00112233445566778899aabbccddeeff00112233445566778899";
    public const string NoneNetworkId = "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0";
    public const string AppBridge = "br-a9f3c2d1e0b4";

    public const string WebId = "0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e";
    public const string HostModeId = "1f2e3d4c5b6a79889706b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f";
    public const string IsolatedId = "2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819";
    public const string SidecarId = "3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a";
    public const string ApiId = "5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c";
    public const string StoppedId = "deadbeef00112233445566778899aabbccddeeff00112233445566778899aabb";

    public const string WebMac = "02:42:ac:12:00:02";
    public const string WebVeth = "veth5e6f7a8";

    public static ObservedHost Host(bool connected = true, string? error = null) => new()
    {
        Id = HostId,
        Name = HostName,
        Endpoint = Endpoint,
        Connected = connected,
        EngineVersion = connected ? "29.1.0" : null,
        ApiVersion = connected ? "1.52" : null,
        Os = connected ? "linux" : null,
        Error = error,
    };

    public static DaemonObservation Disconnected(string error) => new() { Host = Host(connected: false, error: error) };

    public static DaemonObservation Connected(params string[] withoutContainers) => new()
    {
        Host = Host(),
        Networks = Networks(),
        Containers = Containers().Where(c => !withoutContainers.Contains(c.Id)).ToImmutableArray(),
        HostInterfaces = new HostInterfaceTable
        {
            Interfaces =
            [
                new HostInterface("docker0", 3, 3, null),
                new HostInterface(AppBridge, 5, 5, null),
                new HostInterface(WebVeth, 12, 11, AppBridge),
            ],
            BridgeAddresses = ImmutableDictionary<string, ImmutableArray<string>>.Empty
                .Add("docker0", ["172.17.0.1"])
                .Add(AppBridge, ["172.18.0.1"]),
        },
    };

    public static ImmutableArray<ObservedNetwork> Networks() =>
    [
        new()
        {
            Id = BridgeNetworkId, Name = "bridge", Driver = "bridge", Scope = "local", IpamDriver = "default",
            IpamConfig = [new ObservedIpamConfig { Subnet = "172.17.0.0/16" }],
            Options = ImmutableDictionary<string, string>.Empty
                .Add("com.docker.network.bridge.default_bridge", "true")
                .Add("com.docker.network.bridge.name", "docker0")
                .Add("com.docker.network.bridge.enable_icc", "true"),
        },
        new()
        {
            Id = AppNetworkId, Name = "appnet", Driver = "bridge", Scope = "local", IpamDriver = "default", Attachable = true,
            IpamConfig = [new ObservedIpamConfig { Subnet = "172.18.0.0/16", Gateway = "172.18.0.1" }],
            Options = ImmutableDictionary<string, string>.Empty.Add("com.docker.network.bridge.enable_icc", "false"),
            Labels = ImmutableDictionary<string, string>.Empty.Add("com.example.team", "payments"),
            Created = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero),
        },
        new() { Id = HostNetworkId, Name = "host", Driver = "host", Scope = "local" },
        new() { Id = NoneNetworkId, Name = "none", Driver = "null", Scope = "local" },
    ];

    public static ImmutableArray<ObservedContainer> Containers() =>
    [
        new()
        {
            Id = WebId, Names = ["/web"], Image = "nginx:1.27", State = "running", Status = "Up 3 minutes",
            NetworkMode = "appnet",
            Labels = ImmutableDictionary<string, string>.Empty.Add("com.example.role", "frontend"),
            Ports = [new ObservedPort { PrivatePort = 80, PublicPort = 8080, Type = "tcp", Ip = "0.0.0.0" }],
            Endpoints =
            [
                new ObservedEndpoint
                {
                    NetworkName = "appnet", NetworkId = AppNetworkId, EndpointId = "ep-web", IpAddress = "172.18.0.2", IpPrefixLen = 16,
                    Gateway = "172.18.0.1", MacAddress = WebMac, Aliases = ["web", "frontend"], DnsNames = ["web", "0e1d2c3b4a59"],
                },
            ],
            Inspect = new ObservedInspect { Pid = 4242, StartedAt = "2026-11-27T10:00:00Z", NetworkMode = "appnet" },
            Interfaces = [new ContainerInterface("lo", 1, 1, null), new ContainerInterface("eth0", 11, 12, WebMac)],
        },
        new()
        {
            Id = ApiId, Names = ["/api"], Image = "example/api:2", State = "running", Status = "Up 5 minutes",
            NetworkMode = "bridge",
            Ports = [new ObservedPort { PrivatePort = 5000, PublicPort = 5000, Type = "tcp", Ip = "127.0.0.1" }],
            Endpoints =
            [
                new ObservedEndpoint
                {
                    NetworkName = "bridge", NetworkId = BridgeNetworkId, IpAddress = "172.17.0.2", IpPrefixLen = 16,
                    Gateway = "172.17.0.1", MacAddress = "02:42:ac:11:00:02",
                },
            ],
        },
        new()
        {
            Id = HostModeId, Names = ["/metrics"], Image = "prom/node-exporter", State = "running", Status = "Up 1 minute",
            NetworkMode = "host",
            Endpoints = [new ObservedEndpoint { NetworkName = "host", NetworkId = HostNetworkId }],
            Inspect = new ObservedInspect
            {
                Pid = 4343, NetworkMode = "host",
                RequestedBindings = [new ObservedPortBinding { ContainerPort = 9100, Protocol = "tcp", HostPort = "9100" }],
            },
        },
        new()
        {
            Id = IsolatedId, Names = ["/isolated"], Image = "alpine:3.20", State = "running", NetworkMode = "none",
            Endpoints = [new ObservedEndpoint { NetworkName = "none", NetworkId = NoneNetworkId }],
        },
        new()
        {
            Id = SidecarId, Names = ["/sidecar"], Image = "busybox", State = "running", NetworkMode = "container:" + WebId,
        },
        new()
        {
            Id = StoppedId, Names = ["/old-job"], Image = "alpine:3.20", State = "exited", Status = "Exited (0) 2 hours ago",
            NetworkMode = "bridge",
            Endpoints = [new ObservedEndpoint { NetworkName = "bridge" }],
        },
    ];
}
