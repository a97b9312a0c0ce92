using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Core.Serialization;
using NetDashboard.Core.Traffic;
using NetDashboard.Hubs;
using NetDashboard.Traffic;
using NetDashboard.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Traffic;

/// <summary>
/// Who talks to whom, from the real kernel's connection tracking and the containers' socket tables, on the real
/// dockerd. Only loopback and the tests' own containers are contacted.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class TrafficTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_containers_talking_on_a_user_network_are_a_flow_within_3_s_in_the_API_and_the_hub()
    {
        await using var app = new DashboardFactory();
        await using var docker = new DockerCli();
        await docker.CreateNetworkAsync("net");
        var server = await docker.RunCommandAsync("srv", ["--network", docker.Name("net")], "sh", "-c", "sleep 600 | nc -l -p 8080");
        await app.WaitForAsync(t => t.FindContainer(server) is { State: "running" } c && c.Endpoints.Any(e => e.Ipv4 is not null), what: "the server with its address");
        await using var hub = await TrafficHub.ConnectAsync(app);

        var started = Stopwatch.StartNew();
        var client = await docker.RunCommandAsync("cli", ["--network", docker.Name("net")], "sh", "-c", $"sleep 600 | nc {docker.Name("srv")} 8080");
        var ran = started.Elapsed;
        var flow = await WaitForFlowAsync(app, f => f.Source.ContainerId == client && f.Destination.ContainerId == server, TimeSpan.FromSeconds(3) - ran,
            "the client's connection to the server");
        output.WriteLine($"flow seen {started.Elapsed.TotalMilliseconds:0} ms after docker run started ({ran.TotalMilliseconds:0} ms for docker run)");

        var network = (await docker.InspectAsync(docker.Name("net"), network: true)).GetProperty("Id").GetString();
        Assert.Equal(("tcp", 8080, TrafficVia.Bridge, network), (flow.Protocol, flow.Destination.Port, flow.Via, flow.NetworkId));
        Assert.Null(flow.Finding);

        using var http = app.CreateClient();
        var api = await GetAsync(http, $"/api/traffic?container={docker.Name("cli")}");
        Assert.Contains(api.Flows, f => f.Source.ContainerId == client && f.Destination.ContainerId == server && f.Via == TrafficVia.Bridge);
        Assert.All(api.Flows, f => Assert.True(f.Source.ContainerId == client || f.Destination.ContainerId == client));
        using (var raw = JsonDocument.Parse(await http.GetStringAsync("/api/traffic")))
        {
            var first = raw.RootElement.GetProperty("flows")[0];
            foreach (var field in new[] { "hostId", "protocol", "state", "source", "destination", "networkId", "via", "firstSeen", "lastSeen" })
            {
                Assert.True(first.TryGetProperty(field, out _), $"the contract's field {field} is missing");
            }
            Assert.False(first.TryGetProperty("key", out _));
        }

        var pushed = await hub.WaitForAsync(d => d.Flows.Any(f => f.Source.ContainerId == client && f.Destination.ContainerId == server));
        Assert.Equal("local", pushed.Hosts.Single(h => h.HostId == "local").HostId);
        Assert.True(pushed.Hosts.Single(h => h.HostId == "local").Read);
    }

    [Fact]
    public async Task The_hosts_loopback_to_a_published_port_is_a_published_port_flow_and_a_port_nobody_listens_on_is_flagged()
    {
        await using var app = new DashboardFactory();
        await using var docker = new DockerCli();
        var server = await docker.RunCommandAsync("pub", ["-p", "127.0.0.1::8080"], "sh", "-c", "sleep 600 | nc -l -p 8080");
        var deaf = await docker.RunAsync("deaf", "-p", "127.0.0.1::9090");
        var topology = await app.WaitForAsync(t => t.FindContainer(server) is { State: "running", Ports.Length: > 0 } && t.FindContainer(deaf) is { State: "running", Ports.Length: > 0 },
            what: "both published containers");
        var hostPort = topology.FindContainer(server)!.Ports.First(p => p.HostPort is not null).HostPort!.Value;

        // Before anyone connects, the server listens on 8080 and the other container on nothing.
        var before = await WaitForAsync(app, d => d.Listeners.Any(l => l.ContainerId == server && l.Port == 8080)
                                               && d.UnheardPorts.Any(u => u.ContainerId == deaf), "the listener and the unheard port");
        Assert.DoesNotContain(before.UnheardPorts, u => u.ContainerId == server);
        var unheard = before.UnheardPorts.Single(u => u.ContainerId == deaf);
        Assert.Equal((9090, "tcp"), (unheard.ContainerPort, unheard.Protocol));
        Assert.Matches(@"^Port 9090/tcp is published on 127\.0\.0\.1:\d+, but nothing inside .*-deaf listens on 9090/tcp\.$", unheard.Message);

        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", hostPort); // loopback only
        var flow = await WaitForFlowAsync(app, f => f.Destination.ContainerId == server && f.Via == TrafficVia.PublishedPort, TimeSpan.FromSeconds(10),
            "the loopback connection to the published port");
        Assert.Equal(($"127.0.0.1:{hostPort}", 8080, "127.0.0.1", (string?)null), (flow.Destination.PublishedAs, flow.Destination.Port, flow.Source.Address, flow.Source.ContainerId));

        using var http = app.CreateClient();
        var api = await GetAsync(http, $"/api/traffic?host=local&container={server}");
        Assert.Contains(api.Flows, f => f.Via == "published-port" && f.Destination.ContainerId == server);
    }

    [Fact]
    public async Task A_flow_on_an_internal_network_is_attributed_to_that_network()
    {
        await using var app = new DashboardFactory();
        await using var docker = new DockerCli();
        var network = await docker.CreateNetworkAsync("sealed", "--internal");
        var server = await docker.RunCommandAsync("in-srv", ["--network", docker.Name("sealed")], "sh", "-c", "sleep 600 | nc -l -p 7000");
        await app.WaitForAsync(t => t.FindContainer(server) is { State: "running" } c && c.Endpoints.Any(e => e.Ipv4 is not null), what: "the server on the internal network");
        var client = await docker.RunCommandAsync("in-cli", ["--network", docker.Name("sealed")], "sh", "-c", $"sleep 600 | nc {docker.Name("in-srv")} 7000");

        var flow = await WaitForFlowAsync(app, f => f.Source.ContainerId == client && f.Destination.ContainerId == server, TimeSpan.FromSeconds(10),
            "the connection on the internal network");
        Assert.Equal((network, TrafficVia.Bridge), (flow.NetworkId, flow.Via));
        Assert.Null(flow.Finding); // --internal cuts the outside, not the containers on it
    }

    [Fact]
    public async Task A_connection_refused_where_the_analysis_says_reachable_is_a_finding_with_both_reasons()
    {
        await using var app = new DashboardFactory();
        await using var docker = new DockerCli();
        var network = await docker.CreateNetworkAsync("refuse");
        var server = await docker.RunCommandAsync("quiet", ["--network", docker.Name("refuse")], "sleep", "600"); // listens on nothing
        await app.WaitForAsync(t => t.FindContainer(server) is { State: "running" } c && c.Endpoints.Any(e => e.Ipv4 is not null), what: "the silent server");
        // Tries every second: the refusal leaves nothing in the tracking table, only an event, heard once the monitor listens.
        var client = await docker.RunCommandAsync("knocker", ["--network", docker.Name("refuse")], "sh", "-c",
            $"while true; do nc {docker.Name("quiet")} 5555 </dev/null; sleep 1; done");

        var flow = await WaitForFlowAsync(app, f => f.Refused && f.Source.ContainerId == client && f.Destination.ContainerId == server, TimeSpan.FromSeconds(20),
            "the refused connection attempts");
        Assert.Equal(("tcp", 5555, TrafficVia.Bridge, network, false, false), (flow.Protocol, flow.Destination.Port, flow.Via, flow.NetworkId, flow.Live, flow.Replied));
        var finding = Assert.IsType<TrafficFinding>(flow.Finding);
        Assert.Equal(TrafficFindingCodes.Refused, finding.Code);
        Assert.Contains($"tried {docker.Name("quiet")} (", finding.Observed);
        Assert.Contains("refused at once", finding.Observed);
        Assert.StartsWith($"The analysis says {docker.Name("knocker")} can reach {docker.Name("quiet")} by IP: ", finding.Analysis);

        var again = await WaitForFlowAsync(app, f => f.Key == flow.Key && f.Attempts > flow.Attempts, TimeSpan.FromSeconds(20), "a later attempt folded into the same flow");
        Assert.Equal(flow.FirstSeen, again.FirstSeen);
        using var http = app.CreateClient();
        var api = await GetAsync(http, $"/api/traffic?container={docker.Name("quiet")}");
        Assert.Single(api.Flows, f => f.Refused && f.Source.ContainerId == client);
    }

    [Fact]
    public async Task An_unknown_container_is_a_404_sentence()
    {
        await using var app = new DashboardFactory();
        using var http = app.CreateClient();
        var response = await http.GetAsync("/api/traffic?container=nd-no-such-container");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No container is named or has the id 'nd-no-such-container'.", await response.Content.ReadAsStringAsync());
    }

    private static async Task<TrafficFlow> WaitForFlowAsync(DashboardFactory app, Func<TrafficFlow, bool> match, TimeSpan timeout, string what) =>
        (await WaitForAsync(app, d => d.Flows.Any(match), what, timeout)).Flows.First(match);

    /// <summary>Waits on the monitor's own announcement (its subscription), not on a clock.</summary>
    private static async Task<TrafficDocument> WaitForAsync(DashboardFactory app, Func<TrafficDocument, bool> condition, string what, TimeSpan? timeout = null)
    {
        var monitor = app.Services.GetRequiredService<TrafficFeed>();
        var seen = new TaskCompletionSource<TrafficDocument>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = monitor.Subscribe(d =>
        {
            if (condition(d)) seen.TrySetResult(d);
        });
        if (condition(monitor.Current))
        {
            return monitor.Current;
        }
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        try
        {
            return await seen.Task.WaitAsync(limit > TimeSpan.Zero ? limit : TimeSpan.Zero);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Never saw {what} within {limit.TotalSeconds:0.#} s; last: {TopologyJson.Serialize(monitor.Current with { Listeners = [] })}");
        }
    }

    private static async Task<TrafficDocument> GetAsync(HttpClient http, string path) =>
        JsonSerializer.Deserialize<TrafficDocument>(await http.GetStringAsync(path), TopologyJson.Options)!;

    /// <summary>A SignalR client of the real hub that called SubscribeTraffic().</summary>
    private sealed class TrafficHub : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly List<TrafficDocument> _received = [];
        private readonly Lock _gate = new();
        private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private TrafficHub(HubConnection connection) => _connection = connection;

        public static async Task<TrafficHub> ConnectAsync(DashboardFactory app)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(app.Server.BaseAddress, TopologyHub.Path), o =>
                {
                    o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                    o.Transports = HttpTransportType.ServerSentEvents;
                })
                .AddJsonProtocol(o => TopologyJson.Configure(o.PayloadSerializerOptions))
                .Build();
            var hub = new TrafficHub(connection);
            connection.On<TrafficDocument>("Traffic", d =>
            {
                lock (hub._gate)
                {
                    hub._received.Add(d);
                    hub._arrived.TrySetResult();
                }
            });
            await connection.StartAsync();
            await connection.InvokeAsync("SubscribeTraffic");
            return hub;
        }

        public async Task<TrafficDocument> WaitForAsync(Func<TrafficDocument, bool> condition)
        {
            var limit = Stopwatch.StartNew();
            while (true)
            {
                Task next;
                lock (_gate)
                {
                    if (_received.LastOrDefault(condition) is { } d) return d;
                    _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    next = _arrived.Task;
                }
                await next.WaitAsync(TimeSpan.FromSeconds(20) - limit.Elapsed);
            }
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
