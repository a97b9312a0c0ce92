using System.Diagnostics;
using NetDashboard.Core.Observation;

namespace NetDashboard.TestSupport;

/// <summary>How a <see cref="FaultSoak"/> breaks the path to the daemon each cycle.</summary>
public enum PathFault
{
    /// <summary>Every connection cut at once, as when dockerd is killed and comes straight back.</summary>
    CutConnections,
    /// <summary>The socket file removed, then made again.</summary>
    SocketRemoved,
}

/// <summary>One fault cycle's figures: from the fault to the disconnected report, and from its end to the connected read.</summary>
public readonly record struct FaultCycle(TimeSpan Detected, TimeSpan Recovered);

/// <summary>The process's threads, open file descriptors and managed heap (after a full collection) at one moment.</summary>
public readonly record struct ResourceSample(int Threads, int FileDescriptors, long ManagedBytes)
{
    public static ResourceSample Take()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return new ResourceSample(self.Threads.Count, Directory.GetFiles("/proc/self/fd").Length, GC.GetTotalMemory(forceFullCollection: true));
    }

    public override string ToString() => $"{Threads} threads, {FileDescriptors} fds, {ManagedBytes / 1024.0 / 1024.0:0.0} MB managed";
}

/// <summary>What a soak measured: every cycle, and the resources after the warm-up and at the end.</summary>
public sealed record FaultSoakResult(IReadOnlyList<FaultCycle> Cycles, ResourceSample Before, ResourceSample After)
{
    public int ThreadGrowth => After.Threads - Before.Threads;
    public int FileDescriptorGrowth => After.FileDescriptors - Before.FileDescriptors;
    public long ManagedGrowth => After.ManagedBytes - Before.ManagedBytes;

    /// <summary>"median a (min–max)" of a figure over the cycles, in milliseconds.</summary>
    public static string Summary(IEnumerable<TimeSpan> values)
    {
        var ms = values.Select(v => v.TotalMilliseconds).Order().ToList();
        return ms.Count == 0 ? "none" : $"median {ms[ms.Count / 2]:0} ms ({ms[0]:0}–{ms[^1]:0})";
    }

    public override string ToString() =>
        $"{Cycles.Count} cycles; detected {Summary(Cycles.Select(c => c.Detected))}; recovered {Summary(Cycles.Select(c => c.Recovered))}; " +
        $"before: {Before}; after: {After}; growth: {ThreadGrowth:+0;-0;0} threads, {FileDescriptorGrowth:+0;-0;0} fds, {ManagedGrowth / 1024.0:+0;-0;0} KB";
}

/// <summary>
/// Breaks the path between a real observer and its daemon (through a <see cref="SocketRelay"/>) over and over: each cycle
/// waits for the disconnected report and for the first connected read after the fault ends, timing both, and samples
/// the process's threads, file descriptors and managed heap after a warm-up and at the end.
/// </summary>
public static class FaultSoak
{
    public static async Task<FaultSoakResult> RunAsync(IHostObserver observer, SocketRelay relay, PathFault fault, int cycles, int warmUp = 5)
    {
        await using var run = new ObserverRun(observer);
        await run.NextAsync(TimeSpan.Zero, o => o.Host.Connected, "first connected read");
        var results = new List<FaultCycle>(cycles);
        var before = default(ResourceSample);
        for (var i = 0; i < warmUp + cycles; i++)
        {
            if (i == warmUp)
            {
                before = ResourceSample.Take();
            }
            // The connected read is published while the event stream may still be on its way: a cut before it opens
            // would leave the new stream alone, and nothing would be lost to report.
            await Eventually.WaitUntilAsync(() => relay.OpenEventStreams > 0, $"the event stream open in cycle {i}");
            var faultAt = run.Now;
            if (fault == PathFault.CutConnections)
            {
                relay.CutAll();
            }
            else
            {
                await relay.RemoveAsync();
            }
            TimeSpan downAt;
            try
            {
                (downAt, _) = await run.NextAsync(faultAt, o => !o.Host.Connected, $"disconnected report in cycle {i}");
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"{ex.Message} Then: open={relay.Open} events={relay.OpenEventStreams} accepted={relay.Accepted} published={run.Count}", ex);
            }
            var healedAt = run.Now;
            if (fault == PathFault.SocketRemoved)
            {
                // The observer must have found the socket gone before it comes back, or the cycle tested nothing.
                await run.NextAsync(faultAt, o => !o.Host.Connected && o.Host.Error!.Contains("does not exist", StringComparison.Ordinal), $"'socket does not exist' in cycle {i}");
                healedAt = run.Now;
                relay.Restore();
            }
            var (upAt, _) = await run.NextAsync(healedAt, o => o.Host.Connected, $"connected read in cycle {i}");
            if (i >= warmUp)
            {
                results.Add(new FaultCycle(downAt - faultAt, upAt - healedAt));
            }
        }
        return new FaultSoakResult(results, before, ResourceSample.Take());
    }
}
