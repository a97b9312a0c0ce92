using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NetDashboard.Collectors;
using NetDashboard.Configuration;
using NetDashboard.Core.Observation;

namespace NetDashboard.Web.Tests.Collectors;

/// <summary>
/// The dashboard's side of one collector-fed host, on a fake clock: published under the configured id whatever the
/// collector says; a resent sequence re-confirms without repeating its events; a replaced connection's late messages
/// are dropped; a connection silent for <see cref="CollectorProtocol.Silence"/> is ended and the host disconnected.
/// </summary>
public sealed class CollectorHostObserverTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-07T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private CollectorHostObserver NewObserver() =>
        new(new CollectorHostOptions { Id = "n1", Name = "Node one", TokenHash = new string('a', 64) }, _time, NullLogger.Instance);

    private CollectorSession Session(Action? abort = null) => new("conn", "10.0.0.5", abort ?? (() => { }), () => Task.CompletedTask, _time.GetUtcNow());

    private static CollectorEnvelope Envelope(string instance, long sequence, string action) => new(instance, sequence, new DaemonObservation
    {
        Host = new ObservedHost { Id = "claims-to-be-n2", Name = "box", Endpoint = "unix:///var/run/docker.sock", Connected = true },
        Events = [new ObservedEvent { Time = DateTimeOffset.UnixEpoch, Type = "container", Action = action, ActorId = "a" }],
    });

    [Fact]
    public async Task What_a_collector_sends_is_published_under_the_configured_host_and_a_resent_sequence_does_not_repeat_its_events()
    {
        var observer = NewObserver();
        var published = new List<DaemonObservation>();
        using var stop = new CancellationTokenSource();
        var run = observer.RunAsync((o, _) => { lock (published) published.Add(o); return ValueTask.CompletedTask; }, stop.Token);
        var session = Session();
        observer.Attach(session);
        Assert.True(observer.Receive(session, Envelope("i1", 1, "start")));
        Assert.True(observer.Receive(session, Envelope("i1", 1, "start"))); // resent after a lost acknowledgement
        Assert.True(observer.Receive(session, Envelope("i2", 1, "create"))); // a restarted collector counts anew
        await Eventually(() => published.Count == 3);
        await stop.CancelAsync();
        await run;

        Assert.All(published, o => Assert.Equal(("n1", "Node one", "collector at 10.0.0.5: unix:///var/run/docker.sock"), (o.Host.Id, o.Host.Name, o.Host.Endpoint)));
        Assert.Equal([1, 0, 1], published.Select(o => o.Events.Length));
    }

    [Fact]
    public async Task A_replaced_connection_is_ended_and_its_late_messages_and_goodbye_are_ignored()
    {
        var observer = NewObserver();
        var aborted = false;
        var old = Session(() => aborted = true);
        observer.Attach(old);
        var current = Session();
        observer.Attach(current);
        Assert.True(aborted);
        Assert.False(observer.Receive(old, Envelope("i1", 5, "start")));
        observer.Detach(old, "closed its connection");
        Assert.True(observer.HasCollector);
        Assert.True(observer.Receive(current, Envelope("i1", 6, "die")));
        var published = new List<DaemonObservation>();
        using var stop = new CancellationTokenSource();
        var run = observer.RunAsync((o, _) => { lock (published) published.Add(o); return ValueTask.CompletedTask; }, stop.Token);
        await Eventually(() => published.Count == 1);
        await stop.CancelAsync();
        await run;
        Assert.Equal("die", Assert.Single(Assert.Single(published).Events).Action);
    }

    [Fact]
    public async Task A_silent_connection_is_ended_and_the_host_disconnected_with_a_sentence()
    {
        var observer = NewObserver();
        var published = new List<DaemonObservation>();
        using var stop = new CancellationTokenSource();
        var run = observer.RunAsync((o, _) => { lock (published) published.Add(o); return ValueTask.CompletedTask; }, stop.Token);
        var aborted = 0;
        var session = Session(() => Interlocked.Increment(ref aborted));
        observer.Attach(session);
        observer.Receive(session, Envelope("i1", 1, "start"));
        for (var i = 0; i < 8; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            observer.Beat(session); // beating: alive
        }
        Assert.Equal(0, aborted);
        for (var i = 0; i < 20 && aborted == 0; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
            await Eventually(() => true);
        }
        await Eventually(() => aborted == 1 && published.Count == 2);
        await stop.CancelAsync();
        await run;
        var last = published[^1];
        Assert.False(last.Host.Connected);
        Assert.Equal("n1", last.Host.Id);
        Assert.Equal("The collector of host n1 sent nothing for 1.2 s (the collector, its host or the network between them is down).", last.Host.Error);
        Assert.False(observer.HasCollector);
    }

    private static Task Eventually(Func<bool> condition) =>
        TestSupport.Eventually.WaitUntilAsync(condition, "the observer's output", TimeSpan.FromSeconds(10));
}
