using System.Collections.Immutable;
using NetDashboard.Core.Map;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Demo;

public sealed partial class DemoDaemon
{
    /// <summary>What a real daemon and kernel would report right now, as the Docker adapter would hand it over.</summary>
    public DaemonObservation Observe(string? name = null) => new()
    {
        Host = new ObservedHost
        {
            Id = HostId,
            Name = name ?? HostId,
            Endpoint = "demo://simulated",
            Connected = true,
            EngineVersion = "simulated 20.10",
            ApiVersion = "1.41",
            Os = "linux/amd64",
        },
        Networks = _networks.Select(ObserveNetwork).ToImmutableArray(),
        Containers = _containers.Select(ObserveContainer).ToImmutableArray(),
        HostInterfaces = ObserveHostInterfaces(),
    };

    private static ObservedNetwork ObserveNetwork(DemoNetwork n) => new()
    {
        Id = n.Id,
        Name = n.Name,
        Driver = n.Driver,
        Scope = "local",
        Internal = n.Internal,
        IpamDriver = "default",
        // Like Docker 20.10, the default bridge's IPAM config has no gateway: the builder derives it.
        IpamConfig = n.Subnet is null ? [] : [new ObservedIpamConfig { Subnet = n.Subnet, Gateway = n.Name == "bridge" ? null : n.Gateway }],
        Options = n.Options,
        Labels = n.Labels,
    };

    private ObservedContainer ObserveContainer(DemoContainer c)
    {
        var running = c.State == "running";
        var endpoints = c.Endpoints.Select(kv => new ObservedEndpoint
        {
            NetworkName = kv.Key,
            NetworkId = _networks.First(n => n.Name == kv.Key).Id,
            EndpointId = kv.Value.EndpointId,
            IpAddress = kv.Value.Ip ?? "",
            IpPrefixLen = kv.Value.PrefixLength,
            Gateway = kv.Value.Gateway ?? "",
            MacAddress = kv.Value.Mac ?? "",
        }).OrderBy(e => e.NetworkName, StringComparer.Ordinal).ToImmutableArray();
        return new ObservedContainer
        {
            Id = c.Id,
            Names = ["/" + c.Name],
            Image = c.Image,
            State = c.State,
            Status = running ? "Up" : "Exited (0)",
            NetworkMode = c.Mode.StartsWith("container:", StringComparison.Ordinal)
                ? "container:" + (_containers.FirstOrDefault(o => o.Name == c.Mode["container:".Length..])?.Id ?? c.Mode)
                : c.Mode,
            Ports = running
                ? c.Ports.SelectMany(p => new[]
                  {
                      new ObservedPort { PrivatePort = p.ContainerPort, PublicPort = p.HostPort, Type = p.Protocol, Ip = "0.0.0.0" },
                      new ObservedPort { PrivatePort = p.ContainerPort, PublicPort = p.HostPort, Type = p.Protocol, Ip = "::" },
                  }).ToImmutableArray()
                : [],
            Endpoints = endpoints,
            Labels = c.Compose is { } compose
                ? ImmutableDictionary<string, string>.Empty.Add("com.example.demo", "1")
                    .Add(MapGroups.ComposeProjectLabel, compose.Project).Add(MapGroups.ComposeServiceLabel, compose.Service)
                : ImmutableDictionary<string, string>.Empty.Add("com.example.demo", "1"),
            Inspect = new ObservedInspect
            {
                Pid = c.Pid,
                StartedAt = running ? c.StartedAt.ToString("O") : "0001-01-01T00:00:00Z",
                NetworkMode = null,
                RequestedBindings = c.RequestedPorts
                    .Select(p => new ObservedPortBinding { ContainerPort = p.ContainerPort, Protocol = p.Protocol, HostPort = p.HostPort.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                    .ToImmutableArray(),
                Endpoints = c.Endpoints.Select(kv => new ObservedEndpoint
                {
                    NetworkName = kv.Key,
                    Aliases = kv.Value.Aliases,
                }).ToImmutableArray(),
            },
            Interfaces = running
                ? c.Endpoints.Values.Where(e => e.Mac is not null).Select((e, i) => new ContainerInterface($"eth{i}", e.InsideIndex, e.HostIndex, e.Mac))
                    .Prepend(new ContainerInterface("lo", 1, 1, "00:00:00:00:00:00")).ToImmutableArray()
                : null,
        };
    }

    private HostInterfaceTable ObserveHostInterfaces()
    {
        var interfaces = ImmutableArray.CreateBuilder<HostInterface>();
        var addresses = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>();
        var index = 2;
        foreach (var n in _networks.Where(n => n.BridgeName is not null))
        {
            interfaces.Add(new HostInterface(n.BridgeName!, 100_000 + index, 100_000 + index, null));
            index++;
            if (n.Gateway is not null)
            {
                addresses[n.BridgeName!] = [n.Gateway];
            }
        }
        foreach (var c in _containers.Where(c => c.State == "running"))
        {
            foreach (var (network, e) in c.Endpoints.Where(kv => kv.Value.Veth is not null))
            {
                interfaces.Add(new HostInterface(e.Veth!, e.HostIndex, e.InsideIndex, _networks.First(n => n.Name == network).BridgeName));
            }
        }
        return new HostInterfaceTable { Interfaces = interfaces.ToImmutable(), BridgeAddresses = addresses.ToImmutable() };
    }
}
