using System.Collections.Immutable;
using System.Globalization;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Demo;

/// <summary>
/// A simulated Docker daemon, in memory: networks and containers with addresses, MACs and veth pairs as a real
/// daemon and kernel would report them. It feeds the demo mode (the seed's topology, changing every few seconds)
/// and the benchmarks (synthetic topologies of N containers). Deterministic for a given seed.
/// It never stands in for a real daemon in tests that claim Docker behaviour.
/// </summary>
public sealed partial class DemoDaemon
{
    private readonly List<DemoNetwork> _networks = [];
    private readonly List<DemoContainer> _containers = [];
    private readonly Random _random;
    private int _nextIfIndex = 10;
    private long _step;

    public DemoDaemon(string hostId = "demo", int seed = 42)
    {
        HostId = hostId;
        _random = new Random(seed);
        AddNetwork("bridge", "bridge", "172.17.0.0/16", "172.17.0.1", bridgeName: "docker0", options: DefaultBridgeOptions);
        AddNetwork("host", "host", null, null);
        AddNetwork("none", "null", null, null);
    }

    public string HostId { get; }

    public int ContainerCount => _containers.Count;

    private static readonly ImmutableDictionary<string, string> DefaultBridgeOptions = new Dictionary<string, string>
    {
        ["com.docker.network.bridge.default_bridge"] = "true",
        ["com.docker.network.bridge.enable_icc"] = "true",
        ["com.docker.network.bridge.enable_ip_masquerade"] = "true",
        ["com.docker.network.bridge.host_binding_ipv4"] = "0.0.0.0",
        ["com.docker.network.bridge.name"] = "docker0",
        ["com.docker.network.driver.mtu"] = "1500",
    }.ToImmutableDictionary();

    /// <summary>The seed's topology: every network mode at once.</summary>
    public static DemoDaemon Seed(string hostId = "demo")
    {
        var d = new DemoDaemon(hostId);
        d.AddNetwork("app-net", "bridge", "172.18.0.0/16", "172.18.0.1", labels: new() { ["com.example.team"] = "shop" });
        d.AddNetwork("backend", "bridge", "172.19.0.0/24", "172.19.0.1", @internal: true);
        d.AddContainer("web", "centosjdk8:1.5", "bridge", ["bridge"], ports: [(8080, 8081, "tcp")]);
        d.AddContainer("db", "postgres:16", "app-net", ["app-net", "backend"], aliases: ["database"]);
        d.AddContainer("api", "shop/api:2.3", "app-net", ["app-net"], ports: [(5000, 5000, "tcp")]);
        d.AddContainer("monitor", "prom/node-exporter:1.8", "host", ["host"], requestedPorts: [(9100, 9100, "tcp")]);
        d.AddContainer("batch", "busybox:1.36", "none", ["none"]);
        d.AddContainer("web-sidecar", "envoyproxy/envoy:1.30", "container:web", []);
        d.AddContainer("worker", "shop/worker:2.3", "app-net", ["app-net"]);
        return d;
    }

    /// <summary>
    /// A synthetic topology of <paramref name="containers"/> containers over a network per 25 of them. With
    /// <paramref name="compose"/>, they carry compose labels as real stacks would: the containers of network net-K are
    /// project stack-K (a sidecar joins its owner's), the published nginx ones "edge", the host-mode exporters
    /// "monitoring"; the isolated ones belong to no project.
    /// </summary>
    public static DemoDaemon Synthetic(int containers, string hostId = "synthetic", int seed = 7, bool compose = true)
    {
        var d = new DemoDaemon(hostId, seed);
        var userNetworks = Math.Max(1, containers / 25);
        for (var n = 0; n < userNetworks; n++)
        {
            d.AddNetwork($"net-{n:D3}", "bridge", $"10.{(n / 250) + 20}.{n % 250}.0/24", $"10.{(n / 250) + 20}.{n % 250}.1");
        }
        (string, string)? Project(string project, string service) => compose ? (project, service) : null;
        (string, string)? previous = null;
        for (var i = 0; i < containers; i++)
        {
            var name = $"svc-{i:D4}";
            switch (i % 20)
            {
                case 0:
                    d.AddContainer(name, "nginx:1.27", "bridge", ["bridge"], ports: [(80, 20000 + i, "tcp")], compose: previous = Project("edge", "nginx"));
                    break;
                case 7:
                    d.AddContainer(name, "node-exporter:1.8", "host", ["host"], requestedPorts: [(9100, 9100, "tcp")], compose: previous = Project("monitoring", "node-exporter"));
                    break;
                case 13:
                    d.AddContainer(name, "busybox:1.36", "none", ["none"]);
                    previous = null;
                    break;
                case 17:
                    d.AddContainer(name, "envoy:1.30", $"container:svc-{i - 1:D4}", [], compose: previous is { } owner ? Project(owner.Item1, "sidecar") : null);
                    break;
                default:
                    var index = d._random.Next(userNetworks);
                    var net = $"net-{index:D3}";
                    var nets = i % 9 == 0 ? new[] { net, $"net-{(i / 9) % userNetworks:D3}" }.Distinct().ToArray() : [net];
                    d.AddContainer(name, $"app/{name}:1.0", net, nets, state: i % 11 == 5 ? "exited" : "running", compose: previous = Project($"stack-{index:D3}", "app"));
                    break;
            }
        }
        return d;
    }

    /// <summary>One change, as a live daemon would make: a restart with a new IP, a network join or leave, a start.</summary>
    public string Step()
    {
        _step++;
        var worker = _containers.FirstOrDefault(c => c.Name == "worker") ?? _containers.LastOrDefault(c => c.Mode != "host" && c.Mode != "none" && !c.Mode.StartsWith("container:", StringComparison.Ordinal));
        if (worker is null)
        {
            return "nothing to change";
        }
        switch (_step % 4)
        {
            case 1:
                Stop(worker);
                Record("container", "die", worker);
                Record("container", "stop", worker);
                return $"{worker.Name} stopped";
            case 2:
                Start(worker, skipAddresses: 1);
                Record("container", "start", worker);
                return $"{worker.Name} restarted with a new IP";
            case 3:
                var extra = _networks.FirstOrDefault(n => n.Driver == "bridge" && n.Name != "bridge" && !worker.Endpoints.ContainsKey(n.Name));
                if (extra is not null)
                {
                    Connect(worker, extra);
                    Record("network", "connect", worker, extra);
                    return $"{worker.Name} joined {extra.Name}";
                }
                return "nothing to change";
            default:
                var joined = worker.Endpoints.Keys.Where(k => k != worker.Mode).FirstOrDefault();
                if (joined is not null)
                {
                    worker.Endpoints.Remove(joined);
                    Record("network", "disconnect", worker, _networks.First(n => n.Name == joined));
                    return $"{worker.Name} left {joined}";
                }
                return "nothing to change";
        }
    }
}
