using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;

// Daemon start event → hub Changed carrying the running container, measured at the same time on three dashboards
// watching the same dockerd: one process without replicas, and the leader and the follower of two replicas sharing a
// Redis (Debian's redis-server on a free loopback port, no persistence). `docker events` gives the daemon's own time
// of each start. Containers are started one after another (each waited for on all three clients). Redis's own byte
// counters (INFO stats) over the same starts give what the replicas write to it per revision.
var starts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
var repo = FindRepo();
var dll = Path.Combine(repo, "src/NetDashboard/bin/Release/net10.0/NetDashboard.dll");
var redisPort = FreePort();
var redisDir = Directory.CreateTempSubdirectory("nd-rbench-redis-");
var processes = new List<Process>();
var idle = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0; // running containers besides, for a bigger document
var names = Enumerable.Range(0, starts).Select(i => $"ndrbench-{i:D3}").ToList();
var idleNames = Enumerable.Range(0, idle).Select(i => $"ndrbench-idle-{i:D3}").ToList();
try
{
    foreach (var name in idleNames)
    {
        await Run("docker", "run", "-d", "--init", "--label", "netdashboard.test=1", "--name", name, "netdashboard/busybox:test", "sleep", "3600");
    }
    processes.Add(Start("redis-server", ["--port", redisPort.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", redisDir.FullName], [], repo));
    var single = App("single", null);
    var leader = App("leader", $"127.0.0.1:{redisPort}");
    await WaitForRoleAsync(leader, "leader");
    var follower = App("follower", $"127.0.0.1:{redisPort}");
    await WaitForRoleAsync(follower, "follower");
    await WaitForRoleAsync(single, null);

    var clients = new[] { single, leader, follower }.Select(a => (a.Name, Seen: new ConcurrentDictionary<string, long>(), a.Url)).ToList();
    var connections = new List<HubConnection>();
    foreach (var (_, seen, url) in clients)
    {
        var connection = new HubConnectionBuilder().WithUrl($"{url}/hubs/topology")
            .AddJsonProtocol(o => TopologyJson.Configure(o.PayloadSerializerOptions)).Build();
        connection.On<TopologyDelta>("Changed", d =>
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var c in d.Upserted.Containers.Where(c => c.State == "running"))
            {
                seen.TryAdd(c.Name, now);
            }
        });
        connection.On<TopologySnapshot>("Snapshot", _ => { });
        await connection.StartAsync();
        connections.Add(connection);
    }

    var events = new ConcurrentDictionary<string, long>();
    var clockOffset = Stopwatch.GetTimestamp() - (long)(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * (Stopwatch.Frequency / 1000.0));
    var watcher = Start("docker", ["events", "--filter", "event=start", "--filter", "label=netdashboard.rbench=1", "--format", "{{.Actor.Attributes.name}} {{.TimeNano}}"], [], repo);
    processes.Add(watcher);
    watcher.OutputDataReceived += (_, e) =>
    {
        if (e.Data?.Split(' ') is [var name, var nanos])
        {
            events.TryAdd(name, clockOffset + (long)(long.Parse(nanos, CultureInfo.InvariantCulture) / 1_000_000.0 * (Stopwatch.Frequency / 1000.0)));
        }
    };
    watcher.BeginOutputReadLine();
    await Task.Delay(500);
    var (inBefore, outBefore) = await RedisBytesAsync(redisPort);
    var revisionBefore = await RevisionAsync(leader);
    var perRevision = new List<double>(); // Redis bytes received per revision, start by start
    var (lastIn, lastRevision) = (inBefore, revisionBefore);

    foreach (var name in names)
    {
        await Run("docker", "run", "-d", "--init", "--label", "netdashboard.test=1", "--label", "netdashboard.rbench=1", "--name", name, "netdashboard/busybox:test", "sleep", "600");
        var waited = Stopwatch.StartNew();
        while (clients.Any(c => !c.Seen.ContainsKey(name)) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }
        await Task.Delay(300); // the start's last revisions published
        var (bytesIn, _) = await RedisBytesAsync(redisPort);
        var revision = await RevisionAsync(leader);
        if (revision > lastRevision)
        {
            perRevision.Add((bytesIn - lastIn) / (double)(revision - lastRevision));
            (lastIn, lastRevision) = (bytesIn, revision);
        }
    }
    await Task.Delay(1000);
    var (inAfter, outAfter) = await RedisBytesAsync(redisPort);
    var revisions = await RevisionAsync(leader) - revisionBefore;
    using (var http = new HttpClient())
    {
        var document = (await http.GetByteArrayAsync($"{leader.Url}/api/topology")).Length;
        // Everything Redis received (the leader's writes, lease renewals, the follower's reads) and sent (pub/sub, reads).
        Console.WriteLine($"Redis: {revisions} revisions, document {document / 1024.0:F1} KiB at the end; received {(inAfter - inBefore) / 1024.0:F1} KiB " +
            $"= {(inAfter - inBefore) / (double)Math.Max(1, revisions):F0} B per revision (per start: median {P(perRevision.Order().ToList(), 0.5):F0} B, " +
            $"{perRevision.Min():F0}–{perRevision.Max():F0}); sent {(outAfter - outBefore) / (double)Math.Max(1, revisions):F0} B per revision");
    }

    Console.WriteLine($"| dashboard | starts | p50 | p95 | median (min–max) |");
    Console.WriteLine($"|---|---:|---:|---:|---:|");
    foreach (var (name, seen, _) in clients)
    {
        var latencies = names.Where(n => events.ContainsKey(n) && seen.ContainsKey(n)).Select(n => (seen[n] - events[n]) * 1000.0 / Stopwatch.Frequency).Order().ToList();
        Console.WriteLine($"| {name} | {latencies.Count} | {P(latencies, 0.50):F0} ms | {P(latencies, 0.95):F0} ms | {P(latencies, 0.5):F0} ms ({latencies[0]:F0}–{latencies[^1]:F0}) |");
    }
    var extra = names.Where(n => clients[1].Seen.ContainsKey(n) && clients[2].Seen.ContainsKey(n))
        .Select(n => (clients[2].Seen[n] - clients[1].Seen[n]) * 1000.0 / Stopwatch.Frequency).Order().ToList();
    Console.WriteLine($"| follower after leader | {extra.Count} | {P(extra, 0.50):F1} ms | {P(extra, 0.95):F1} ms | {P(extra, 0.5):F1} ms ({extra[0]:F1}–{extra[^1]:F1}) |");
    foreach (var c in connections) await c.DisposeAsync();
}
finally
{
    await Run(["docker", "rm", "-f", .. names, .. idleNames]);
    foreach (var p in processes)
    {
        try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }
    try { redisDir.Delete(recursive: true); } catch (IOException) { }
}

static async Task<(long In, long Out)> RedisBytesAsync(int port)
{
    var info = Start("redis-cli", ["-p", port.ToString(), "info", "stats"], [], Environment.CurrentDirectory);
    var text = await info.StandardOutput.ReadToEndAsync();
    await info.WaitForExitAsync();
    long Read(string key) => long.Parse(text.Split('\n').First(l => l.StartsWith(key + ":", StringComparison.Ordinal)).Split(':')[1].Trim(), CultureInfo.InvariantCulture);
    return (Read("total_net_input_bytes"), Read("total_net_output_bytes"));
}

static async Task<long> RevisionAsync((string Name, string Url) app)
{
    using var http = new HttpClient();
    using var doc = JsonDocument.Parse(await http.GetStringAsync($"{app.Url}/healthz"));
    return doc.RootElement.GetProperty("revision").GetInt64();
}

static double P(List<double> sorted, double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(q * sorted.Count) - 1)];

(string Name, string Url) App(string name, string? redis)
{
    var port = FreePort();
    var env = new Dictionary<string, string>
    {
        ["Logging__LogLevel__Default"] = "Warning",
        ["NetDashboard__ResyncSeconds"] = "300",
        ["NetDashboard__History__Enabled"] = "false",
        ["NetDashboard__DataDirectory"] = Directory.CreateTempSubdirectory("nd-rbench-data-").FullName,
    };
    if (redis is not null)
    {
        env["NetDashboard__Replicas__Redis"] = redis;
    }
    processes.Add(Start("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"], env, Path.Combine(repo, "src/NetDashboard")));
    return (name, $"http://127.0.0.1:{port}");
}

static async Task WaitForRoleAsync((string Name, string Url) app, string? role)
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
    for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(100))
    {
        try
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync($"{app.Url}/healthz"));
            var replica = doc.RootElement.GetProperty("replica");
            if (role is null || (replica.ValueKind == JsonValueKind.Object && replica.GetProperty("role").GetString() == role))
            {
                return;
            }
        }
        catch (HttpRequestException) { }
        catch (TaskCanceledException) { }
    }
    throw new TimeoutException($"{app.Name} never became {role ?? "ready"}.");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static Process Start(string file, string[] args, Dictionary<string, string> env, string dir)
{
    var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
    foreach (var a in args) info.ArgumentList.Add(a);
    foreach (var (k, v) in env) info.Environment[k] = v;
    return Process.Start(info)!;
}

static async Task Run(params string[] command)
{
    using var p = Start(command[0], command[1..], [], Environment.CurrentDirectory);
    await p.WaitForExitAsync();
}

static string FindRepo() => NetDashboard.Bench.BenchProcess.FindRepo();
