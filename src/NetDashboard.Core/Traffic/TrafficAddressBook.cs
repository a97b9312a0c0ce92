using System.Net;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Traffic;

/// <summary>
/// Who an address is on one host, from the topology alone: a watched container's endpoint, a network's gateway (the
/// host itself, on that bridge), the host's loopback, or nothing known (the outside). Also which container a host
/// port leads to. Built once per host and read; never asks anyone.
/// </summary>
public sealed class TrafficAddressBook
{
    private readonly Dictionary<string, (ContainerInfo Container, EndpointInfo Endpoint)> _endpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NetworkInfo> _gateways = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Protocol, int HostPort), (ContainerInfo Container, PortInfo Port)> _published = [];
    private readonly Dictionary<string, ContainerInfo> _containers = new(StringComparer.Ordinal);

    public TrafficAddressBook(TopologySnapshot snapshot, string hostId)
    {
        var networks = snapshot.Networks.Where(n => n.HostId == hostId || n.Scope == "swarm").ToDictionary(n => n.Id, StringComparer.Ordinal);
        foreach (var network in networks.Values)
        {
            foreach (var subnet in network.Subnets)
            {
                if (subnet.Gateway is { } gateway)
                {
                    _gateways.TryAdd(Normalize(gateway), network);
                }
            }
        }
        // Running containers first: a stopped one keeps no address, but an old record must never win over a live one.
        foreach (var container in snapshot.Containers.Where(c => c.HostId == hostId).OrderBy(c => c.IsRunning ? 0 : 1))
        {
            _containers[container.Id] = container;
            foreach (var endpoint in container.Endpoints)
            {
                foreach (var address in new[] { endpoint.Ipv4, endpoint.Ipv6 })
                {
                    if (address is not null)
                    {
                        _endpoints.TryAdd(Normalize(address), (container, endpoint));
                    }
                }
                if (endpoint.Gateway is { } gw && networks.TryGetValue(endpoint.NetworkId, out var net))
                {
                    _gateways.TryAdd(Normalize(gw), net);
                }
            }
            foreach (var port in container.Ports)
            {
                if (port is { HostPort: { } hostPort, Discarded: false } && container.IsRunning)
                {
                    _published.TryAdd((port.Protocol, hostPort), (container, port));
                }
            }
        }
    }

    public ContainerInfo? Container(string id) => _containers.GetValueOrDefault(id);

    public IEnumerable<ContainerInfo> Containers => _containers.Values;

    /// <summary>The container endpoint that holds <paramref name="address"/>.</summary>
    public (ContainerInfo Container, EndpointInfo Endpoint)? Endpoint(string address) =>
        _endpoints.TryGetValue(address, out var e) ? e : null;

    /// <summary>The network whose gateway (the host's address on that bridge) is <paramref name="address"/>.</summary>
    public NetworkInfo? Gateway(string address) => _gateways.GetValueOrDefault(address);

    /// <summary>The container a host port leads to (its published port).</summary>
    public (ContainerInfo Container, PortInfo Port)? Published(string protocol, int hostPort) =>
        _published.TryGetValue((protocol, hostPort), out var p) ? p : null;

    /// <summary>The host's own address as far as the topology tells: a loopback address or a bridge's gateway.</summary>
    public bool IsHost(string address) => IsLoopback(address) || _gateways.ContainsKey(address);

    public static bool IsLoopback(string address) =>
        address.StartsWith("127.", StringComparison.Ordinal) || address == "::1";

    private static string Normalize(string address) =>
        address.Contains(':') && IPAddress.TryParse(address, out var a) ? a.ToString() : address;
}
