using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using NetDashboard.Core.Building;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Demo;

public sealed partial class DemoDaemon
{
    private sealed class DemoNetwork
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public required string Driver { get; init; }
        public string? Subnet { get; init; }
        public string? Gateway { get; init; }
        public string? BridgeName { get; init; }
        public bool Internal { get; init; }
        public ImmutableDictionary<string, string> Options { get; init; } = ImmutableDictionary<string, string>.Empty;
        public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;
        public int NextHost { get; set; } = 2;
    }

    private sealed class DemoEndpoint
    {
        public required string EndpointId { get; init; }
        public string? Ip { get; init; }
        public int PrefixLength { get; init; }
        public string? Gateway { get; init; }
        public string? Mac { get; init; }
        public int InsideIndex { get; init; }
        public int HostIndex { get; init; }
        public string? Veth { get; init; }
        public ImmutableArray<string> Aliases { get; init; } = [];
    }

    private sealed class DemoContainer
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public required string Image { get; init; }
        public required string Mode { get; init; }
        public string State { get; set; } = "running";
        public long Pid { get; set; }
        public DateTimeOffset StartedAt { get; set; }
        public List<(int ContainerPort, int HostPort, string Protocol)> Ports { get; init; } = [];
        public List<(int ContainerPort, int HostPort, string Protocol)> RequestedPorts { get; init; } = [];
        public List<string> Aliases { get; init; } = [];
        public List<string> NetworkNames { get; init; } = [];
        /// <summary>The compose project and service it belongs to (labels <c>com.docker.compose.*</c>); null for none.</summary>
        public (string Project, string Service)? Compose { get; init; }
        public Dictionary<string, DemoEndpoint> Endpoints { get; } = new(StringComparer.Ordinal);
    }

    private void AddNetwork(string name, string driver, string? subnet, string? gateway, string? bridgeName = null,
        ImmutableDictionary<string, string>? options = null, Dictionary<string, string>? labels = null, bool @internal = false)
    {
        var id = NewId();
        _networks.Add(new DemoNetwork
        {
            Id = id,
            Name = name,
            Driver = driver,
            Subnet = subnet,
            Gateway = gateway,
            Internal = @internal,
            BridgeName = driver == "bridge" ? bridgeName ?? "br-" + id[..12] : null,
            Options = options ?? ImmutableDictionary<string, string>.Empty,
            Labels = labels?.ToImmutableDictionary() ?? ImmutableDictionary<string, string>.Empty,
        });
    }

    private void AddContainer(string name, string image, string mode, string[] networks,
        (int, int, string)[]? ports = null, (int, int, string)[]? requestedPorts = null, string[]? aliases = null, string state = "running",
        (string Project, string Service)? compose = null)
    {
        var c = new DemoContainer
        {
            Id = NewId(),
            Name = name,
            Image = image,
            Mode = mode,
            State = state,
            Ports = [.. ports ?? []],
            RequestedPorts = [.. requestedPorts ?? []],
            Aliases = [.. aliases ?? []],
            NetworkNames = [.. networks],
            Compose = compose,
        };
        _containers.Add(c);
        if (state == "running")
        {
            Start(c, skipAddresses: 0);
        }
    }

    private void Start(DemoContainer c, int skipAddresses)
    {
        c.State = "running";
        c.Pid = 1000 + _random.Next(90000);
        c.StartedAt = DateTimeOffset.UnixEpoch.AddDays(20_000).AddSeconds(_step * 5 + _random.Next(60));
        c.Endpoints.Clear();
        foreach (var name in c.NetworkNames)
        {
            var network = _networks.First(n => n.Name == name);
            network.NextHost += skipAddresses;
            Connect(c, network);
        }
    }

    private void Stop(DemoContainer c)
    {
        c.State = "exited";
        c.Pid = 0;
        c.Endpoints.Clear();
    }

    private void Connect(DemoContainer c, DemoNetwork network)
    {
        if (network.Driver is "host" or "null")
        {
            c.Endpoints[network.Name] = new DemoEndpoint { EndpointId = NewId() };
            return;
        }
        var ip = NextAddress(network);
        var inside = _nextIfIndex++;
        var outside = _nextIfIndex++;
        var bytes = IPAddress.Parse(ip).GetAddressBytes();
        c.Endpoints[network.Name] = new DemoEndpoint
        {
            EndpointId = NewId(),
            Ip = ip,
            PrefixLength = int.Parse(network.Subnet!.Split('/')[1], CultureInfo.InvariantCulture),
            Gateway = network.Gateway,
            Mac = $"02:42:{bytes[0]:x2}:{bytes[1]:x2}:{bytes[2]:x2}:{bytes[3]:x2}",
            InsideIndex = inside,
            HostIndex = outside,
            Veth = "veth" + NewId()[..7],
            Aliases = network.Name == "bridge" ? [] : [.. c.Aliases, c.Id[..12]],
        };
    }

    private static string NextAddress(DemoNetwork network)
    {
        IpAddressMath.TryParseCidr(network.Subnet, out var cidr);
        var bytes = cidr.BaseAddress.GetAddressBytes();
        var value = ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3]) + (uint)network.NextHost++;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]).ToString();
    }

    private string NewId()
    {
        Span<byte> bytes = stackalloc byte[32];
        _random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
