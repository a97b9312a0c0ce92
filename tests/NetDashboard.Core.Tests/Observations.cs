using System.Collections.Immutable;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Tests;

/// <summary>Small builders of hand-made observations, shaped like what Docker 20.10 reports.</summary>
internal static class Observations
{
    public const string BridgeId = "b21f486f0c9aa0c00f2dc96408ab95e68d8ee13dd5234826b126cd39ca4db120";
    public const string AppId = "988df8fe1ba1a2553949cd5107d81c61cc9c9c31744b84596f9fe2f4d91385ac";

    public static ObservedHost Host(bool connected = true) =>
        new() { Id = "local", Name = "local", Endpoint = "unix:///var/run/docker.sock", Connected = connected, EngineVersion = "20.10.24", ApiVersion = "1.41" };

    public static ObservedNetwork DefaultBridge(string? gateway = null) => new()
    {
        Id = BridgeId,
        Name = "bridge",
        Driver = "bridge",
        Scope = "local",
        IpamConfig = [new ObservedIpamConfig { Subnet = "172.17.0.0/16", Gateway = gateway }],
        Options = new Dictionary<string, string>
        {
            ["com.docker.network.bridge.default_bridge"] = "true",
            ["com.docker.network.bridge.name"] = "docker0",
        }.ToImmutableDictionary(),
    };

    public static ObservedNetwork UserNetwork(string id = AppId, string name = "app", string subnet = "172.28.0.0/16", string? gateway = "172.28.0.1",
        Dictionary<string, string>? options = null, bool @internal = false) => new()
    {
        Id = id,
        Name = name,
        Driver = "bridge",
        Scope = "local",
        Internal = @internal,
        IpamConfig = [new ObservedIpamConfig { Subnet = subnet, Gateway = gateway }],
        Options = (options ?? []).ToImmutableDictionary(),
    };

    public static ObservedNetwork HostNetwork() => new() { Id = "ee9e53b71c8c", Name = "host", Driver = "host", Scope = "local" };

    public static ObservedNetwork NoneNetwork() => new() { Id = "f830154760f7", Name = "none", Driver = "null", Scope = "local" };

    public static ObservedEndpoint Endpoint(string network, string networkId, string ip, int prefix, string gateway, string mac, string endpointId = "ep1") => new()
    {
        NetworkName = network,
        NetworkId = networkId,
        EndpointId = endpointId,
        IpAddress = ip,
        IpPrefixLen = prefix,
        Gateway = gateway,
        MacAddress = mac,
    };

    public static ObservedEndpoint EmptyEndpoint(string network, string networkId) =>
        new() { NetworkName = network, NetworkId = networkId, EndpointId = "ep-" + network, IpAddress = "", Gateway = "", MacAddress = "" };

    public static ObservedContainer Container(string id, string name, string mode, params ObservedEndpoint[] endpoints) => new()
    {
        Id = id,
        Names = ["/" + name],
        Image = "busybox",
        State = "running",
        NetworkMode = mode,
        Endpoints = [.. endpoints],
    };

    public static DaemonObservation Daemon(IEnumerable<ObservedNetwork> networks, IEnumerable<ObservedContainer> containers, HostInterfaceTable? interfaces = null) => new()
    {
        Host = Host(),
        Networks = [.. networks],
        Containers = [.. containers],
        HostInterfaces = interfaces,
    };
}
