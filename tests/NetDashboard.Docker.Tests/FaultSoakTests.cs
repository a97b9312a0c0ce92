using NetDashboard.Docker.Observing;
using Xunit.Abstractions;

namespace NetDashboard.Docker.Tests;

/// <summary>Runs alone: it counts the whole process's threads and file descriptors.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultSoakCollection
{
    public const string Name = "fault soak (alone)";
}

/// <summary>
/// 100 fault cycles of each kind against the real dockerd behind a <see cref="SocketRelay"/>: every cycle is reported and
/// recovered, and afterwards the process holds no more threads, file descriptors or managed memory than after the
/// warm-up (beyond a small allowance for the runtime's own pools). The figures go to the test output; the timed
/// version is bench/NetDashboard.FaultSoakBench.
/// </summary>
[Collection(FaultSoakCollection.Name)]
public class FaultSoakTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(PathFault.CutConnections)]
    [InlineData(PathFault.SocketRemoved)]
    public async Task A_hundred_faults_leave_no_thread_socket_or_memory_behind(PathFault fault)
    {
        await using var relay = SocketRelay.Start();
        // Short retry waits: the cycles are about what each fault leaves behind, not about the back-off.
        var observer = ObserverHarness.Create(relay.Endpoint, new DockerObserverOptions { MinRetryDelay = TimeSpan.FromMilliseconds(20) });

        var result = await FaultSoak.RunAsync(observer, relay, fault, cycles: 100);
        output.WriteLine($"{fault}: {result}");

        Assert.Equal(100, result.Cycles.Count);
        Assert.True(result.FileDescriptorGrowth <= 8, $"file descriptors grew: {result}");
        Assert.True(result.ThreadGrowth <= 8, $"threads grew: {result}");
        Assert.True(result.ManagedGrowth < 8 * 1024 * 1024, $"managed memory grew: {result}");
        Assert.InRange(relay.Open, 0, 4); // what the last connected session holds: versions, lists, the event stream
    }
}
