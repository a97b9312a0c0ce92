using NetDashboard.CollectorMode;
using NetDashboard.Core.Observation;

namespace NetDashboard.Web.Tests.Collectors;

/// <summary>
/// What a collector sends, and in which order: the newest full observation (what piled up coalesced, events kept); after
/// a reconnect first the one whose acknowledgement was lost (same sequence), else the newest, else the last acknowledged
/// again — a full observation first, every time.
/// </summary>
public sealed class CollectorOutboxTests
{
    private static DaemonObservation Observation(string action, int containers) => new()
    {
        Host = new ObservedHost { Id = "h", Name = "h", Endpoint = "unix:///x", Connected = true },
        Cause = ObservationCause.Event,
        Events = [new ObservedEvent { Time = DateTimeOffset.UnixEpoch, Type = "container", Action = action, ActorId = "a" }],
        Containers = [.. Enumerable.Range(0, containers).Select(i => new ObservedContainer { Id = $"c{i}" })],
    };

    [Fact]
    public async Task Observations_offered_while_nothing_was_sent_go_as_one_with_every_event_and_the_newest_state()
    {
        var outbox = new CollectorOutbox("i1");
        outbox.Offer(Observation("start", 1));
        outbox.Offer(Observation("die", 2));
        outbox.Reconnected();
        var next = await outbox.NextAsync(CancellationToken.None);
        Assert.Equal(("i1", 2L, 2), (next.Instance, next.Sequence, next.Observation.Containers.Length));
        Assert.Equal(["start", "die"], next.Observation.Events.Select(e => e.Action));
        outbox.Acknowledge();
        var waiting = outbox.NextAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        outbox.Offer(Observation("stop", 3));
        Assert.Equal(3L, (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Sequence);
    }

    [Fact]
    public async Task After_a_reconnect_the_unacknowledged_one_goes_again_first_then_the_newer()
    {
        var outbox = new CollectorOutbox("i1");
        outbox.Offer(Observation("start", 1));
        outbox.Reconnected();
        var lost = await outbox.NextAsync(CancellationToken.None); // in flight when the connection broke
        outbox.Offer(Observation("die", 2));
        outbox.Reconnected();
        Assert.Same(lost, await outbox.NextAsync(CancellationToken.None));
        outbox.Acknowledge();
        Assert.Equal(2L, (await outbox.NextAsync(CancellationToken.None)).Sequence);
    }

    [Fact]
    public async Task After_a_reconnect_with_nothing_new_the_last_acknowledged_goes_again_to_reconfirm_the_host()
    {
        var outbox = new CollectorOutbox("i1");
        outbox.Offer(Observation("start", 1));
        outbox.Reconnected();
        var sent = await outbox.NextAsync(CancellationToken.None);
        outbox.Acknowledge();
        outbox.Reconnected();
        Assert.Same(sent, await outbox.NextAsync(CancellationToken.None));
    }
}
