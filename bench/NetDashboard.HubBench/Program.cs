using System.Collections.Concurrent;
using System.Globalization;
using MessagePack;
using MessagePack.Resolvers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.HubBench;
using NetDashboard.Hubs;

if (args is ["load", ..])
{
    return await LoadRun.RunAsync(args[1..], Bench.FindRepo());
}

// 1. Payload sizes of a 1,000-container Snapshot, JSON vs MessagePack (the hub's own resolver).
var big = TopologyBuilder.Build([DemoDaemon.Synthetic(1000).Observe()], 1, DateTimeOffset.UtcNow);
var json = TopologyJson.SerializeToUtf8(big).Length;
var msgpackOptions = TopologyMessagePackResolver.Configure(MessagePackSerializerOptions.Standard.WithResolver(ContractlessStandardResolver.Instance));
var msgpack = MessagePackSerializer.Serialize(big, msgpackOptions).Length;
Console.WriteLine($"| Snapshot of 1,000 containers | JSON {json / 1024.0:F0} KiB | MessagePack {msgpack / 1024.0:F0} KiB ({100.0 * msgpack / json:F0} %) |");

// 2. Event → Changed, stage by stage: the dashboard (built Release) watches the local dockerd with its latency log on;
//    a raw reader of the daemon's /events stream notes when the daemon's own stream delivers each start; a JSON hub
//    client notes when each container first arrives running. All times are Unix ms on this machine's clock.
var starts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var background = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
var repo = Bench.FindRepo();
var port = 5391;
var stages = new ConcurrentDictionary<long, StageLine>();
using var app = Bench.StartDashboard(repo, port, stages);
var backgroundNames = Enumerable.Range(0, background).Select(i => $"ndbench-bg-{i:D3}").ToList();
foreach (var name in backgroundNames)
{
    await Bench.Run("docker", "run", "-d", "--init", "--label", "netdashboard.test=1", "--name", name, "netdashboard/busybox:test", "sleep", "3600");
}
await Bench.WaitForHttpAsync($"http://127.0.0.1:{port}/api/topology");

var seen = new ConcurrentDictionary<string, (double At, long Revision)>();
var connection = new HubConnectionBuilder().WithUrl($"http://127.0.0.1:{port}/hubs/topology")
    .AddJsonProtocol(o => TopologyJson.Configure(o.PayloadSerializerOptions)).Build();
connection.On<TopologyDelta>("Changed", d =>
{
    var now = Bench.NowMs();
    foreach (var c in d.Upserted.Containers.Where(c => c.State == "running"))
    {
        seen.TryAdd(c.Name, (now, d.ToRevision));
    }
});
connection.On<TopologySnapshot>("Snapshot", _ => { });
await connection.StartAsync();

using var stream = new RawEventStream("/var/run/docker.sock", """{"type":["container"],"event":["start"],"label":["netdashboard.bench=1"]}""");
await stream.StartedAsync;

var names = Enumerable.Range(0, starts).Select(i => $"ndbench-{i:D3}").ToList();
try
{
    foreach (var name in names)
    {
        await Bench.Run("docker", "run", "-d", "--init", "--label", "netdashboard.test=1", "--label", "netdashboard.bench=1", "--name", name, "netdashboard/busybox:test", "sleep", "600");
    }
    var deadline = DateTime.UtcNow.AddSeconds(10);
    while (names.Any(n => !seen.ContainsKey(n) || !stream.Seen.ContainsKey(n)) && DateTime.UtcNow < deadline) await Task.Delay(100);
    await Task.Delay(500); // the latency log line of the last revision
    var rows = names.Where(n => seen.ContainsKey(n) && stream.Seen.ContainsKey(n)).Select(n =>
    {
        var (daemon, delivered) = stream.Seen[n];
        var (client, revision) = seen[n];
        return new Row(daemon, delivered, client, stages.GetValueOrDefault(revision));
    }).ToList();
    Console.WriteLine($"starts {rows.Count} of {starts}, {background} other running containers; ms after the daemon's own event time (median, min–max, p95):");
    Bench.Report("daemon /events stream delivers", rows.Select(r => r.Delivered - r.Daemon));
    Bench.Report("hub client receives Changed", rows.Select(r => r.Client - r.Daemon));
    Bench.Report("dashboard minus stream", rows.Select(r => r.Client - r.Delivered));
    var staged = rows.Where(r => r.Stage is { Event: not null }).ToList();
    Console.WriteLine($"stages of the {staged.Count} revisions that showed a start (incremental reads: {staged.Count(r => r.Stage!.Incremental)}):");
    Bench.Report("  event received by the observer", staged.Select(r => r.Stage!.Event!.Value - r.Daemon));
    Bench.Report("  event → read start", staged.Select(r => r.Stage!.ReadStart - r.Stage.Event!.Value));
    Bench.Report("  read", staged.Select(r => r.Stage!.ReadEnd - r.Stage.ReadStart));
    Bench.Report("  read end → build start (store lock)", staged.Select(r => r.Stage!.BuildStart - r.Stage.ReadEnd));
    Bench.Report("  build + diff", staged.Select(r => r.Stage!.Built - r.Stage.BuildStart));
    Bench.Report("  built → published to queues", staged.Select(r => r.Stage!.Published - r.Stage.Built));
    Bench.Report("  published → client", staged.Select(r => r.Client - r.Stage!.Published));
}
finally
{
    await Bench.Run(["docker", "rm", "-f", .. names, .. backgroundNames]);
    app.Kill(entireProcessTree: true);
}

return 0;

internal sealed record Row(double Daemon, double Delivered, double Client, StageLine? Stage);
