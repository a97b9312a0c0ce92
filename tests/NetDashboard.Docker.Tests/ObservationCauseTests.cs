using System.Threading.Channels;
using NetDashboard.Core.Observation;
using NetDashboard.TestSupport;

namespace NetDashboard.Docker.Tests;

/// <summary>
/// On the real dockerd: the observer says why it read (its first read is <see cref="ObservationCause.Initial"/>,
/// a read after events is <see cref="ObservationCause.Event"/>) and hands over the events it folded in.
/// </summary>
public class ObservationCauseTests
{
    [Fact]
    public async Task The_first_read_is_initial_and_a_container_start_comes_with_its_events()
    {
        await using var docker = new DockerCli();
        var observer = ObserverHarness.Create("unix:///var/run/docker.sock");
        var seen = Channel.CreateUnbounded<DaemonObservation>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = observer.RunAsync((o, _) =>
        {
            seen.Writer.TryWrite(o);
            return ValueTask.CompletedTask;
        }, cts.Token);

        var first = await seen.Reader.ReadAsync(cts.Token);
        Assert.True(first.Host.Connected, first.Host.Error);
        Assert.Equal(ObservationCause.Initial, first.Cause);
        Assert.Empty(first.Events);

        var id = await docker.RunAsync("cause");
        var events = new List<ObservedEvent>();
        while (!events.Any(e => e.Kind == "container-start" && e.ContainerId == id))
        {
            var next = await seen.Reader.ReadAsync(cts.Token);
            if (next.Events.Any(e => e.ContainerId == id))
            {
                Assert.Equal(ObservationCause.Event, next.Cause);
            }
            events.AddRange(next.Events.Where(e => e.ContainerId == id));
        }
        await cts.CancelAsync();
        await run;

        var start = events.Single(e => e.Kind == "container-start");
        Assert.Equal(docker.Name("cause"), start.ContainerName);
        Assert.InRange(start.Time, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Contains(events, e => e.Kind == "network-connect" && e.NetworkName == "bridge");
    }
}
