using System.Diagnostics;
using NetDashboard.Core.Observation;
using NetDashboard.Docker.Observing;

namespace NetDashboard.Docker.Tests;

/// <summary>
/// Daemons that hang or answer nonsense, on real unix sockets: the observer reports each as a disconnected host with a
/// sentence (never an exception's text or a type name) within 2 s, and keeps retrying. And a lost daemon whose socket
/// comes back is seen at once, whatever the back-off had reached.
/// </summary>
public class FaultyDaemonTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    public static TheoryData<DaemonFault, string> Faults => new()
    {
        { DaemonFault.Silent, "accepted the connection but did not answer its first request within 1 s" },
        { DaemonFault.MalformedJson, "answered with data this dashboard cannot read" },
        { DaemonFault.Nulls, "answered its network list with null" },
        { DaemonFault.NullVersion, "answered its version request with nothing" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_daemon_that_hangs_or_answers_nonsense_is_disconnected_with_a_sentence_within_2_s(DaemonFault fault, string expected)
    {
        await using var daemon = FaultyDaemon.Start(fault);
        var observer = ObserverHarness.Create(daemon.Endpoint, new DockerObserverOptions { ConnectTimeout = TimeSpan.FromSeconds(1) });
        Assert.Equal(daemon.Endpoint, observer.Placeholder.Endpoint);
        Assert.Equal($"No answer from the Docker daemon at {daemon.Endpoint} yet.", observer.Placeholder.Error);

        var clock = Stopwatch.StartNew();
        var observation = await ObserverHarness.FirstAsync(observer, o => !o.Host.Connected, timeout: Deadline);
        clock.Stop();

        AssertSentence(observation, daemon.Endpoint);
        Assert.Contains(expected, observation.Host.Error);
        Assert.True(clock.Elapsed < Deadline, $"took {clock.Elapsed}");
        Assert.True(daemon.Accepted >= 1);
    }

    [Theory]
    [InlineData(DaemonFault.MalformedJson)]
    [InlineData(DaemonFault.Nulls)]
    public async Task A_daemon_that_answers_its_version_then_nonsense_is_retried_with_back_off_not_in_a_tight_loop(DaemonFault fault)
    {
        await using var daemon = FaultyDaemon.Start(fault);
        var observer = ObserverHarness.Create(daemon.Endpoint, new DockerObserverOptions { MinRetryDelay = TimeSpan.FromMilliseconds(200) });
        var times = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        await ObserverHarness.FirstAsync(observer, o =>
        {
            Assert.False(o.Host.Connected);
            times.Add(clock.Elapsed);
            return times.Count == 3;
        }, TimeSpan.FromSeconds(20));

        // Waits of 200 ms, then 400 ms (doubling): the loop never spins on a daemon that answers only its version.
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(180), $"first retry after {times[1] - times[0]}");
        Assert.True(times[2] - times[1] >= TimeSpan.FromMilliseconds(360), $"second retry after {times[2] - times[1]}");
        Assert.InRange(daemon.Accepted, 3, 12);
    }

    [Fact]
    public async Task A_lost_unix_socket_daemon_is_seen_as_soon_as_its_socket_is_back_whatever_the_back_off()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nd-returning-{Guid.NewGuid():N}.sock");
        // A 20 s back-off: only watching the socket's path can bring the daemon back within the deadline.
        var observer = ObserverHarness.Create("unix://" + path, new DockerObserverOptions
        {
            MinRetryDelay = TimeSpan.FromSeconds(20),
            MaxRetryDelay = TimeSpan.FromSeconds(60),
            SocketMaxRetryDelay = TimeSpan.FromSeconds(60),
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var back = new TaskCompletionSource<DaemonObservation>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = observer.RunAsync((o, _) =>
        {
            if (!o.Host.Connected)
            {
                lost.TrySetResult();
            }
            else
            {
                back.TrySetResult(o);
            }
            return ValueTask.CompletedTask;
        }, cts.Token);

        await lost.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await using var daemon = await RecordedDaemon.StartAsync("api-1.41", path);
        var clock = Stopwatch.StartNew();
        var observation = await back.Task.WaitAsync(TimeSpan.FromSeconds(5));
        clock.Stop();

        Assert.True(observation.Host.Connected);
        Assert.NotEmpty(observation.Networks);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        await cts.CancelAsync();
        await run;
    }

    internal static void AssertSentence(DaemonObservation observation, string endpoint, string prefix = "The Docker daemon at ")
    {
        Assert.False(observation.Host.Connected);
        var error = observation.Host.Error!;
        Assert.StartsWith($"{prefix}{endpoint}", error);
        Assert.True(error.EndsWith('.') || error.EndsWith('?'), $"not a sentence: {error}");
        foreach (var leak in new[] { "Exception", "Docker.DotNet", "Object reference", "   at ", "System." })
        {
            Assert.DoesNotContain(leak, error);
        }
    }
}
