using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.Hubs;

namespace NetDashboard.HubBench;

/// <summary>
/// Load: the dashboard (built Release) on the real dockerd with N hub clients (half JSON, half MessagePack), each applying
/// Snapshot + Changed to its own copy, while test-labelled containers are restarted, stopped and started, and
/// disconnected and reconnected as fast as the workers go for the given time. Then every client must converge to
/// <c>GET /api/topology</c>. Prints events per minute, convergence, latency (event received by the observer → client),
/// the server's RSS and CPU. Usage: <c>load [clients] [seconds] [containers] [workers]</c>.
/// </summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(string[] args, string repo)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var clientCount = Arg(0, 200);
        var seconds = Arg(1, 120);
        var containerCount = Arg(2, 20);
        var workers = Arg(3, 4);
        var port = 5393;
        var stages = new ConcurrentDictionary<long, StageLine>();
        using var app = Bench.StartDashboard(repo, port, stages);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var network = $"ndload-{suffix}";
        var names = Enumerable.Range(0, containerCount).Select(i => $"ndload-{suffix}-{i:D2}").ToList();
        await Bench.Run("docker", "network", "create", "--label", "netdashboard.test=1", network);
        foreach (var name in names)
        {
            await Bench.Run("docker", "run", "-d", "--init", "--label", "netdashboard.test=1", "--label", "netdashboard.bench=1", "--network", network, "--name", name, "netdashboard/busybox:test", "sleep", "3600");
        }
        try
        {
            await Bench.WaitForHttpAsync($"http://127.0.0.1:{port}/api/topology");
            var clients = new List<Client>();
            for (var i = 0; i < clientCount; i++)
            {
                var client = new Client(i % 2 == 1);
                await client.StartAsync(port);
                clients.Add(client);
            }
            Console.WriteLine($"{clients.Count} hub clients connected ({clients.Count(c => c.MessagePack)} MessagePack); churning {containerCount} containers with {workers} workers for {seconds} s.");
            using var events = new RawEventStream("/var/run/docker.sock", """{"label":["netdashboard.bench=1"],"type":["container"]}""");
            await events.StartedAsync;
            var cpu0 = app.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var rss = new List<double>();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    app.Refresh();
                    rss.Add(app.WorkingSet64 / 1048576.0);
                    try { await Task.Delay(1000, stop.Token); } catch (OperationCanceledException) { }
                }
            });
            var ops = 0;
            var churn = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
            {
                var random = new Random(w);
                using var docker = DockerApi.Create();
                while (!stop.IsCancellationRequested)
                {
                    var name = names[random.Next(names.Count)];
                    switch (random.Next(3))
                    {
                        case 0:
                            await docker.PostAsync($"/containers/{name}/restart?t=0", null);
                            break;
                        case 1:
                            await docker.PostAsync($"/networks/{network}/disconnect", Json($$"""{"Container":"{{name}}","Force":true}"""));
                            await docker.PostAsync($"/networks/{network}/connect", Json($$"""{"Container":"{{name}}"}"""));
                            break;
                        default:
                            await docker.PostAsync($"/containers/{name}/stop?t=0", null);
                            await docker.PostAsync($"/containers/{name}/start", null);
                            break;
                    }
                    Interlocked.Increment(ref ops);
                }
            })).ToList();
            await Task.WhenAll(churn);
            await sampler;
            var cpu = (app.TotalProcessorTime - cpu0).TotalSeconds / wall.Elapsed.TotalSeconds;
            var eventCount = events.Count;

            // Convergence: every client at the API's revision with the same content.
            using var http = new HttpClient();
            var converged = 0;
            var deadline = Stopwatch.StartNew();
            TopologySnapshot api = TopologySnapshot.Empty;
            while (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                api = TopologyJson.Deserialize<TopologySnapshot>(await http.GetStringAsync($"http://127.0.0.1:{port}/api/topology"))!;
                converged = clients.Count(c => c.Matches(api));
                if (converged == clients.Count) break;
                await Task.Delay(250);
            }
            var convergedAfter = deadline.Elapsed.TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{ops} operations, {eventCount} container events from the daemon in {wall.Elapsed.TotalSeconds:F0} s = {eventCount / wall.Elapsed.TotalMinutes:F0} events/min (plus network connect/disconnect events); revisions {api.Revision}."));
            Console.WriteLine($"converged: {converged} of {clients.Count} clients at revision {api.Revision} ({convergedAfter:F0} ms after the churn stopped); resets (a fresh Snapshot): {clients.Sum(c => c.Snapshots - 1)}; gaps: {clients.Sum(c => c.Gaps)}");
            var latencies = clients.SelectMany(c => c.Received.Select(r => (r.Revision, r.At))).Where(r => stages.TryGetValue(r.Revision, out var s) && s.Event is not null)
                .Select(r => r.At - stages[r.Revision].Event!.Value).ToList();
            Bench.Report("event received by the observer → client has Changed (all clients)", latencies);
            Bench.Report("event → published to the connections' queues", stages.Values.Where(s => s.Event is not null).Select(s => s.Published - s.Event!.Value));
            rss.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| server RSS MB | median {rss[rss.Count / 2]:F0} (min {rss[0]:F0}, max {rss[^1]:F0}) | CPU {100 * cpu:F0} % of one core (2 cores) |"));
            foreach (var c in clients) await c.DisposeAsync();
            return converged == clients.Count ? 0 : 1;
        }
        finally
        {
            await Bench.Run(["docker", "rm", "-f", .. names]);
            await Bench.Run("docker", "network", "rm", network);
            app.Kill(entireProcessTree: true);
        }
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private sealed class Client(bool messagePack) : IAsyncDisposable
    {
        private HubConnection _connection = null!;
        private TopologySnapshot _state = TopologySnapshot.Empty;
        private readonly Lock _gate = new();

        public bool MessagePack { get; } = messagePack;
        public int Snapshots { get; private set; }
        public int Gaps { get; private set; }
        public ConcurrentBag<(long Revision, double At)> Received { get; } = [];

        public async Task StartAsync(int port)
        {
            var builder = new HubConnectionBuilder().WithUrl($"http://127.0.0.1:{port}/hubs/topology");
            builder = MessagePack
                ? builder.AddMessagePackProtocol(o => o.SerializerOptions = TopologyMessagePackResolver.Configure(o.SerializerOptions))
                : builder.AddJsonProtocol(o => TopologyJson.Configure(o.PayloadSerializerOptions));
            _connection = builder.Build();
            _connection.On<TopologySnapshot>("Snapshot", s =>
            {
                lock (_gate) { _state = s; Snapshots++; }
            });
            _connection.On<TopologyDelta>("Changed", d =>
            {
                var at = Bench.NowMs();
                lock (_gate)
                {
                    if (d.FromRevision != _state.Revision) { Gaps++; return; }
                    _state = TopologyDiff.Apply(_state, d);
                }
                Received.Add((d.ToRevision, at));
            });
            await _connection.StartAsync();
        }

        public bool Matches(TopologySnapshot api)
        {
            lock (_gate)
            {
                return _state.Revision == api.Revision && TopologyDiff.SameContent(_state, api);
            }
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}

/// <summary>The Docker API over its unix socket, for the churn (no CLI process per call).</summary>
internal static class DockerApi
{
    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await s.ConnectAsync(new UnixDomainSocketEndPoint("/var/run/docker.sock"), ct);
            return new NetworkStream(s, ownsSocket: true);
        },
    }) { BaseAddress = new Uri("http://docker"), Timeout = TimeSpan.FromSeconds(60) };
}
