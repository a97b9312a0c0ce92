using NetDashboard.Bench;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NetDashboard.Access;
using NetDashboard.CollectorMode;
using NetDashboard.Configuration;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.Core.Serialization;

// Ten collector-fed hosts of 100 containers each into one dashboard (the Release build, its own process).
// Nine are real collector processes (--collector --demo), each changing its topology every second: the background load.
// The tenth is this program, sending through the collector's own link code (DashboardLink + CollectorOutbox): it makes a
// change, offers the new observation and times until a hub client (JSON) receives the Changed that carries it.
// Meanwhile the dashboard's CPU time and RSS are read from /proc.
var changes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
const int Hosts = 10;
const int Containers = 100;
var repo = FindRepo();
var dll = Path.Combine(repo, "src/NetDashboard/bin/Release/net10.0/NetDashboard.dll");
var port = 5393;
var data = Directory.CreateTempSubdirectory("nd-collector-bench-");
var ids = Enumerable.Range(0, Hosts).Select(i => $"h{i:D2}").ToList();
var tokens = ids.ToDictionary(id => id, _ => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

var env = new Dictionary<string, string>
{
    ["Logging__LogLevel__Default"] = "Warning",
    ["NetDashboard__DataDirectory"] = data.FullName,
    // Eleven .NET processes on a shared 2-core machine miss beats while they start: the latency is measured, not detection.
    ["NetDashboard__CollectorTimeoutSeconds"] = "10",
};
for (var i = 0; i < Hosts; i++)
{
    env[$"NetDashboard__Collectors__{i}__Id"] = ids[i];
    env[$"NetDashboard__Collectors__{i}__TokenHash"] = TokenHashes.HexOf(tokens[ids[i]]);
}
using var dashboard = Start("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"], env, Path.Combine(repo, "src/NetDashboard"));
var collectors = new List<Process>();
try
{
    await WaitHttpAsync($"http://127.0.0.1:{port}/healthz");
    foreach (var id in ids.SkipLast(1))
    {
        collectors.Add(Start("dotnet", [dll, "--collector", "--demo", "--urls", "http://127.0.0.1:0"], new()
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["NetDashboard__Collector__Dashboard"] = $"http://127.0.0.1:{port}",
            ["NetDashboard__Collector__HostId"] = id,
            ["NetDashboard__Collector__Token"] = tokens[id],
            ["NetDashboard__DemoContainers"] = Containers.ToString(CultureInfo.InvariantCulture),
            ["NetDashboard__DemoIntervalSeconds"] = "1",
        }, repo));
        await Task.Delay(1500); // one at a time: eleven JIT start-ups at once starve a 2-core machine
    }

    // The measured host: the collector's link code, in process.
    var measured = ids[^1];
    var daemon = DemoDaemon.Synthetic(Containers, measured, seed: 12345);
    var outbox = new CollectorOutbox(Guid.NewGuid().ToString("N"));
    var link = new DashboardLink(new CollectorModeOptions { Enabled = true, Dashboard = $"http://127.0.0.1:{port}", HostId = measured, Token = tokens[measured] },
        outbox, () => { }, TimeProvider.System, NullLogger.Instance);
    using var stop = new CancellationTokenSource();
    var linkRun = link.RunAsync(stop.Token);
    outbox.Offer(daemon.Observe(measured) with { Cause = ObservationCause.Initial });

    var arrivals = System.Threading.Channels.Channel.CreateUnbounded<long>();
    var connection = new HubConnectionBuilder().WithUrl($"http://127.0.0.1:{port}/hubs/topology")
        .AddJsonProtocol(o => TopologyJson.Configure(o.PayloadSerializerOptions)).Build();
    connection.On<TopologyDelta>("Changed", d =>
    {
        if (d.Upserted.Containers.Any(c => c.HostId == measured))
        {
            arrivals.Writer.TryWrite(Stopwatch.GetTimestamp());
        }
    });
    TopologySnapshot? first = null;
    connection.On<TopologySnapshot>("Snapshot", s => first = s);
    await connection.StartAsync();
    var deadline = Stopwatch.StartNew();
    using (var http = new HttpClient())
    {
        while (true)
        {
            var health = await http.GetStringAsync($"http://127.0.0.1:{port}/healthz");
            if (health.Split("\"reachable\":true").Length - 1 == Hosts) break;
            if (deadline.Elapsed > TimeSpan.FromSeconds(180)) throw new TimeoutException("not every host connected: " + health);
            await Task.Delay(200);
        }
    }
    await Task.Delay(3000); // warm-up: every host fed, the JIT done
    while (arrivals.Reader.TryRead(out _)) { }

    var (cpu0, wall0) = (CpuSeconds(dashboard.Id), Stopwatch.GetTimestamp());
    var rss = new List<long>();
    var latencies = new List<double>();
    for (var i = 0; i < changes; i++)
    {
        daemon.Step();
        var sent = Stopwatch.GetTimestamp();
        outbox.Offer(daemon.Observe(measured) with { Cause = ObservationCause.Event, Events = daemon.DrainEvents(DateTimeOffset.UtcNow) });
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var arrived = await arrivals.Reader.ReadAsync(wait.Token);
        latencies.Add((arrived - sent) * 1000.0 / Stopwatch.Frequency);
        rss.Add(RssKb(dashboard.Id));
        await Task.Delay(500);
        while (arrivals.Reader.TryRead(out _)) { }
    }
    var cpu = CpuSeconds(dashboard.Id) - cpu0;
    var wall = (Stopwatch.GetTimestamp() - wall0) / (double)Stopwatch.Frequency;
    latencies.Sort();
    var snapshot = await new HttpClient().GetStringAsync($"http://127.0.0.1:{port}/api/topology");
    var total = System.Text.Json.JsonDocument.Parse(snapshot).RootElement.GetProperty("containers").GetArrayLength();
    Console.WriteLine($"| {Hosts} collectors × {Containers} containers ({total} in the document), 9 changing every second | change on one host → hub Changed over {latencies.Count} changes: median {latencies[latencies.Count / 2]:F1} ms, range {latencies[0]:F1}–{latencies[^1]:F1} ms |");
    Console.WriteLine($"| dashboard CPU {100 * cpu / wall:F1} % of one core over {wall:F0} s | RSS median {rss.Order().ElementAt(rss.Count / 2) / 1024.0:F0} MiB, max {rss.Max() / 1024.0:F0} MiB |");
    await stop.CancelAsync();
    await linkRun;
    await connection.DisposeAsync();
}
finally
{
    foreach (var c in collectors) { try { c.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }
    dashboard.Kill(entireProcessTree: true);
    await dashboard.WaitForExitAsync();
    data.Delete(recursive: true);
}

static double CpuSeconds(int pid)
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0; // utime + stime, in ticks of 1/100 s
}

static long RssKb(int pid) =>
    long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

static async Task WaitHttpAsync(string url)
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromSeconds(60))
    {
        try { if ((await http.GetAsync(url)).IsSuccessStatusCode) return; } catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
        await Task.Delay(200);
    }
    throw new TimeoutException(url);
}

static Process Start(string file, string[] args, Dictionary<string, string> env, string dir) => BenchProcess.Start(file, args, env, dir);

static string FindRepo() => BenchProcess.FindRepo();
