using NetDashboard.Docker.Observing;

namespace NetDashboard.Docker.Tests;

/// <summary>
/// The real dockerd behind a <see cref="SocketRelay"/> that breaks the path to it: the event stream cut off in the middle
/// of a message, and the socket removed and made again. Each time the observer reports the host disconnected with a
/// sentence within 2 s, is connected again within 5 s of the fault ending, and what happened meanwhile is not lost.
/// </summary>
public class DaemonPathFaultTests
{
    private static readonly TimeSpan Detect = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Recover = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_event_stream_cut_mid_message_is_reported_then_recovered_and_the_change_it_carried_is_not_lost()
    {
        await using var docker = new DockerCli();
        await using var relay = SocketRelay.Start();
        await using var run = new ObserverRun(ObserverHarness.Create(relay.Endpoint));
        await run.NextAsync(TimeSpan.Zero, o => o.Host.Connected, "first connected read");

        var cut = relay.CutEventStreamMidMessageAsync();
        var starting = docker.RunAsync("cut"); // its events are what the relay breaks off
        var cutAt = run.At(await cut.WaitAsync(TimeSpan.FromSeconds(30))); // when the relay cut, not when this line ran
        var id = await starting;

        var (downAt, down) = await run.NextAsync(cutAt - TimeSpan.FromMilliseconds(100), o => !o.Host.Connected, "disconnected host after the cut");
        FaultyDaemonTests.AssertSentence(down, relay.Endpoint);
        Assert.Contains("broke off its event stream mid-message", down.Host.Error);
        Assert.True(downAt - cutAt < Detect, $"reported {downAt - cutAt} after the cut");

        var (upAt, up) = await run.NextAsync(downAt, o => o.Host.Connected && o.Containers.Any(c => c.Id == id && c.State == "running"),
            "connected read with the container the cut event announced");
        Assert.True(upAt - cutAt < Recover, $"recovered {upAt - cutAt} after the cut");
        Assert.Null(up.Host.Error);
    }

    [Fact]
    public async Task A_removed_socket_is_reported_missing_and_its_return_is_seen_within_5_s()
    {
        await using var docker = new DockerCli();
        await using var relay = SocketRelay.Start();
        await using var run = new ObserverRun(ObserverHarness.Create(relay.Endpoint));
        await run.NextAsync(TimeSpan.Zero, o => o.Host.Connected, "first connected read");

        var removedAt = run.Now;
        await relay.RemoveAsync();
        var (missingAt, missing) = await run.NextAsync(removedAt, o => !o.Host.Connected && o.Host.Error!.Contains("the socket does not exist"),
            "'socket does not exist'");
        FaultyDaemonTests.AssertSentence(missing, relay.Endpoint, prefix: "Cannot connect to the Docker daemon at ");
        Assert.True(missingAt - removedAt < Detect, $"reported {missingAt - removedAt} after the removal");

        // While it is gone a container starts: the read after its return must have it.
        var id = await docker.RunAsync("gone");
        var restoredAt = run.Now;
        relay.Restore();
        var (upAt, _) = await run.NextAsync(restoredAt, o => o.Host.Connected && o.Containers.Any(c => c.Id == id && c.State == "running"),
            "connected read with the container started while the socket was gone");
        Assert.True(upAt - restoredAt < Recover, $"recovered {upAt - restoredAt} after the socket came back");
    }

    [Fact]
    public async Task A_socket_gone_between_the_container_list_and_the_inspects_leaves_nothing_behind_that_keeps_the_host_down()
    {
        await using var docker = new DockerCli();
        var id = await docker.RunAsync("between");
        await using var relay = SocketRelay.Start();
        var removed = relay.RemoveAtNextContainerListAsync(); // the first read's list is answered, its inspects are refused at once
        await using var run = new ObserverRun(ObserverHarness.Create(relay.Endpoint));
        await removed.WaitAsync(TimeSpan.FromSeconds(30));
        var removedAt = run.Now;
        await run.NextAsync(TimeSpan.Zero, o => !o.Host.Connected, "disconnected host after the socket went away mid-read");

        relay.Restore();
        var restoredAt = run.Now;
        var (upAt, _) = await run.NextAsync(restoredAt, o => o.Host.Connected && o.Containers.Any(c => c.Id == id && c.State == "running"),
            "connected read with the container after the socket came back", TimeSpan.FromSeconds(20));
        Assert.True(upAt - restoredAt < Recover, $"recovered {upAt - restoredAt} after the socket came back (gone at {removedAt})");
    }
}
