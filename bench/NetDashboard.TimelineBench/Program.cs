using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.Core.Serialization;
using NetDashboard.History.Reconciling;
using NetDashboard.History.Storage;
using NetDashboard.History.Timeline;

// The cost of keeping every revision of the topology document: a synthetic daemon of C containers (default 100)
// makes N changes (default 10,000), one every 8.64 s of simulated time (10,000 a day); each revision is recorded as
// the writer records it (TopologyRecorder: checkpoint every 100 revisions or hour, Brotli deltas otherwise) and
// written in batches. Then: the database's size, and the latency of "the topology at time T" (the rows, the rebuild
// and the JSON the API answers) at 200 random times, median and range; the same with a checkpoint every 20.
var changes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var containers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
Console.WriteLine($"{changes:N0} changes on {containers} containers, one every 8.64 s of simulated time");
Console.WriteLine("| checkpoint every | rows | checkpoints | checkpoint KB (avg) | delta B (avg) | bodies MB | database MB | per change B | encode ms (median) | ?at= ms median | min | max |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var every in new[] { TopologyRecorder.DefaultCheckpointEvery, 20 })
{
    Run(changes, containers, every);
}
return 0;

static void Run(int changes, int containers, int every)
{
    var folder = Path.Combine(Path.GetTempPath(), "nd-timeline-bench-" + Guid.NewGuid().ToString("N"));
    try
    {
        var store = new HistoryStore(HistoryDatabase.Open(Path.Combine(folder, "history.db")));
        var random = new Random(11);
        var observation = DemoDaemon.Synthetic(containers).Observe();
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var step = TimeSpan.FromSeconds(8.64);
        var recorder = new TopologyRecorder("bench", every);
        var previous = TopologyBuilder.Build([observation], 1, t0);
        var pending = new List<HistoryOperation> { recorder.Record(previous, null)! };
        var times = new List<DateTimeOffset> { previous.GeneratedAt };
        var recordTimes = new List<double>();
        for (var i = 1; i <= changes; i++)
        {
            observation = Change(observation, random, i);
            var next = TopologyBuilder.Build([observation], i + 1, t0 + i * step);
            var delta = TopologyDiff.Compute(previous, next); // the store computes it anyway: not the history's cost
            var started = Stopwatch.GetTimestamp();
            pending.Add(recorder.Record(next, delta)!);
            recordTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            previous = next;
            times.Add(next.GeneratedAt);
            if (pending.Count >= 500)
            {
                store.Write(pending);
                pending.Clear();
            }
        }
        store.Write(pending);
        using (var connection = store.Database.Connect())
        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        var (rows, checkpoints, bytes) = store.RevisionCounts();
        double checkpointBytes;
        using (var connection = store.Database.Connect())
        using (var average = connection.CreateCommand())
        {
            average.CommandText = "SELECT AVG(LENGTH(body)) FROM topology_revisions WHERE checkpoint = 1;";
            checkpointBytes = Convert.ToDouble(average.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        var deltaBytes = (bytes - checkpointBytes * checkpoints) / Math.Max(1, rows - checkpoints);
        var documentJson = TopologyJson.SerializeToUtf8(previous).Length;
        var fileBytes = new FileInfo(store.Database.Path).Length;

        var latencies = new List<double>();
        for (var q = -5; q < 200; q++) // 5 warm-up questions, not counted
        {
            var at = times[random.Next(times.Count)] + TimeSpan.FromSeconds(random.NextDouble() * 8);
            var started = Stopwatch.GetTimestamp();
            var json = TopologyJson.SerializeToUtf8(TopologyReplay.Rebuild(store.RevisionChainAt(at)));
            if (q >= 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            if (json.Length == 0)
            {
                throw new InvalidOperationException("empty document");
            }
        }
        // Exactness spot check: the last revision rebuilt equals the last document built.
        if (TopologyJson.Serialize(TopologyReplay.Rebuild(store.RevisionChainAt(previous.GeneratedAt))) != TopologyJson.Serialize(previous))
        {
            throw new InvalidOperationException("the rebuilt document differs from the one recorded");
        }
        latencies.Sort();
        recordTimes.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {every} | {rows:N0} | {checkpoints:N0} | {checkpointBytes / 1024:F1} ({documentJson / 1024} KB JSON) | {deltaBytes:F0} | {bytes / 1048576.0:F1} | {fileBytes / 1048576.0:F1} | {bytes / (double)changes:F0} | {recordTimes[recordTimes.Count / 2]:F2} | {latencies[latencies.Count / 2]:F1} | {latencies[0]:F1} | {latencies[^1]:F1} |"));
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

// One change somewhere in the daemon: a container stopped or started, renamed, or replaced by a new one.
static DaemonObservation Change(DaemonObservation o, Random random, int i)
{
    var list = o.Containers.ToList();
    var index = random.Next(list.Count);
    var c = list[index];
    switch (random.Next(10))
    {
        case < 4:
            list[index] = c with { State = c.State == "running" ? "exited" : "running", Status = $"change {i}" };
            break;
        case < 7:
            list[index] = c with { Names = [$"/{c.Names.FirstOrDefault()?.TrimStart('/').Split('~')[0]}~{i}"] };
            break;
        default:
            var template = list[random.Next(list.Count)];
            list.RemoveAt(index);
            list.Add(template with { Id = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant() + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant(), Names = [$"/new-{i}"] });
            break;
    }
    return o with { Containers = [.. list] };
}
