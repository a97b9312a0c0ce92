using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MessagePack;
using MessagePack.Resolvers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.Hubs;

// 1. Payload sizes of a 1,000-container Snapshot, JSON vs MessagePack (the hub's own resolver).
var big = TopologyBuilder.Build([DemoDaemon.Synthetic(1000).Observe()], 1, DateTimeOffset.UtcNow);
var json = TopologyJson.SerializeToUtf8(big).Length;
var msgpackOptions = TopologyMessagePackResolver.Configure(MessagePackSerializerOptions.Standard.WithResolver(ContractlessStandardResolver.Instance));
var msgpack = MessagePackSerializer.Serialize(big, msgpackOptions).Length;
Console.WriteLine($"| Snapshot of 1,000 containers | JSON {json / 1024.0:F0} KiB | MessagePack {msgpack / 1024.0:F0} KiB ({100.0 * msgpack / json:F0} %) |");

// 2. Event → Changed: the dashboard (built Release) watches the local dockerd; a JSON hub client notes when each
//    container first arrives running; `docker events` gives the daemon's own time of each start.
var starts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var repo = FindRepo();
var port = 5391;
using var app = Start("dotnet", [Path.Combine(repo, "src/NetDashboard/bin/Release/net10.0/NetDashboard.dll"), "--urls", $"http://127.0.0.1:{port}"],
    new() { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Logging__LogLevel__Default"] = "Warning", ["NetDashboard__ResyncSeconds"] = "300" }, Path.Combine(repo, "src/NetDashboard"));
await Task.Delay(3000);
var seen = new ConcurrentDictionary<string, long>();
var connection = new HubConnectionBuilder().WithUrl($"http://127.0.0.1:{port}/hubs/topology")
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

var events = new ConcurrentDictionary<string, long>();
var clockOffset = Stopwatch.GetTimestamp() - (long)(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * (Stopwatch.Frequency / 1000.0));
using var watcher = Start("docker", ["events", "--filter", "event=start", "--filter", "label=netdashboard.bench=1", "--format", "{{.Actor.Attributes.name}} {{.TimeNano}}"], [], repo);
watcher.OutputDataReceived += (_, e) =>
{
    if (e.Data?.Split(' ') is [var name, var nanos])
    {
        events.TryAdd(name, clockOffset + (long)(long.Parse(nanos, CultureInfo.InvariantCulture) / 1_000_000.0 * (Stopwatch.Frequency / 1000.0)));
    }
};
watcher.BeginOutputReadLine();

var names = Enumerable.Range(0, starts).Select(i => $"ndbench-{i:D3}").ToList();
try
{
    foreach (var name in names)
    {
        await Run("docker", "run", "-d", "--init", "--label", "netdashboard.test=1", "--label", "netdashboard.bench=1", "--name", name, "netdashboard/busybox:test", "sleep", "600");
    }
    await Task.Delay(2000);
    var latencies = names.Where(n => events.ContainsKey(n) && seen.ContainsKey(n))
        .Select(n => (seen[n] - events[n]) * 1000.0 / Stopwatch.Frequency).Order().ToList();
    double P(double q) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(q * latencies.Count) - 1)];
    Console.WriteLine($"| event → Changed over {latencies.Count} starts | p50 {P(0.50):F0} ms | p95 {P(0.95):F0} ms | min {latencies[0]:F0} ms | max {latencies[^1]:F0} ms |");
}
finally
{
    await Run(["docker", "rm", "-f", .. names]);
    watcher.Kill();
    app.Kill(entireProcessTree: true);
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

static string FindRepo()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "NetDashboard.sln"))) return dir.FullName;
    }
    throw new DirectoryNotFoundException("NetDashboard.sln not found.");
}
