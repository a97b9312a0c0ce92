using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.Hubs;
using NetDashboard.Monitoring;
using NetDashboard.Web.Tests.Hub;

namespace NetDashboard.Components.Tests.Live;

/// <summary>
/// The store hands each change to each subscriber through the subscriber's own queue: a subscriber that blocks never
/// delays <see cref="TopologyStore.Publish"/>, the hub's <c>Changed</c> or a page, and still gets every revision, in
/// order, once it is released. One that throws hurts nobody either.
/// </summary>
public sealed class SlowSubscriberTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_blocked_subscriber_delays_neither_the_hub_nor_a_page_and_then_gets_every_revision_in_order()
    {
        await using var ctx = new NetDashboardTestContext();
        var store = ctx.Store;
        ctx.Publish(TestTopology.Connected());
        var client = new RecordingClient();
        var publisher = new TopologyHubPublisher(store, new SingleClientHubContext(client), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await publisher.StartAsync(CancellationToken.None);
        try
        {
            publisher.Attach("c1");
            await client.WaitForAsync(m => m.Contains("S:1"), "the connect Snapshot");
            var page = ctx.Render<RevisionComponent>();
            Assert.Equal("1", page.Markup.Trim());

            // The blocker: its first callback waits (up to 5 s) until the test releases it.
            using var release = new ManualResetEventSlim();
            using var entered = new ManualResetEventSlim();
            var blocked = 0;
            var blockerSeen = new ConcurrentQueue<long>();
            using var blocker = store.Subscribe(change =>
            {
                blockerSeen.Enqueue(change.Snapshot.Revision);
                if (blockerSeen.Count == 1)
                {
                    Volatile.Write(ref blocked, 1);
                    entered.Set();
                    release.Wait(TimeSpan.FromSeconds(5));
                    Volatile.Write(ref blocked, 0);
                }
            });

            ctx.Publish(TestTopology.Connected(withoutContainers: [TestTopology.ApiId])); // revision 2
            Assert.True(entered.Wait(Timeout), "the blocker never got revision 2");
            for (var i = 0; i < 6; i++)
            {
                // Publish returns at once: the blocker holds only its own reader.
                ctx.Publish(i % 2 == 0 ? TestTopology.Connected() : TestTopology.Connected(withoutContainers: [TestTopology.ApiId]));
            }
            var last = store.Current.Revision;
            Assert.Equal(8, last);

            // The hub client and the page reach the last revision while the blocker is still inside its first callback.
            await client.WaitForAsync(m => m.LastOrDefault()?.EndsWith("->" + last) == true, "the Changed up to the last revision");
            Assert.Equal((1, false), (Volatile.Read(ref blocked), release.IsSet));
            page.WaitForAssertion(() => Assert.Equal(last.ToString(), page.Markup.Trim()), Timeout);
            Assert.Equal((1, false), (Volatile.Read(ref blocked), release.IsSet));
            Assert.Equal([2L], blockerSeen);

            // The hub's Changed messages line up: from the Snapshot to the last revision with no gap.
            var changed = client.Messages.Skip(1).Select(m => m[2..].Split("->").Select(long.Parse).ToArray()).ToList();
            Assert.Equal(1, changed[0][0]);
            Assert.All(changed.Zip(changed.Skip(1)), pair => Assert.Equal(pair.First[1], pair.Second[0]));

            // Released, the blocker gets every revision, in order, exactly once.
            release.Set();
            await WaitUntilAsync(() => blockerSeen.Count == last - 1, () => "the blocker to catch up; saw " + string.Join(' ', blockerSeen));
            Assert.Equal(Enumerable.Range(2, (int)last - 1).Select(r => (long)r), blockerSeen);
        }
        finally
        {
            await publisher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_subscriber_that_throws_hurts_nobody_and_keeps_getting_changes()
    {
        await using var ctx = new NetDashboardTestContext();
        var store = ctx.Store;
        var thrower = new ConcurrentQueue<long>();
        var other = new ConcurrentQueue<long>();
        using var failing = store.Subscribe(change =>
        {
            thrower.Enqueue(change.Snapshot.Revision);
            throw new InvalidOperationException("a broken page");
        });
        using var fine = store.Subscribe(change => other.Enqueue(change.Snapshot.Revision));

        for (var i = 0; i < 5; i++)
        {
            ctx.Publish(i % 2 == 0 ? TestTopology.Connected() : TestTopology.Connected(withoutContainers: [TestTopology.ApiId]));
        }

        await WaitUntilAsync(() => other.Count == 5 && thrower.Count == 5, () => $"both to see 5 revisions; {other.Count} and {thrower.Count}");
        Assert.Equal([1L, 2, 3, 4, 5], other);
        Assert.Equal([1L, 2, 3, 4, 5], thrower);
    }

    [Fact]
    public async Task A_subscriber_far_behind_gets_the_later_changes_merged_and_misses_nothing()
    {
        await using var ctx = new NetDashboardTestContext();
        var store = ctx.Store;
        ctx.Publish(TestTopology.Connected());
        using var release = new ManualResetEventSlim();
        using var entered = new ManualResetEventSlim();
        var seen = new ConcurrentQueue<TopologyChange>();
        using var blocker = store.Subscribe(change =>
        {
            seen.Enqueue(change);
            entered.Set();
            release.Wait(Timeout);
        }, out var start);

        var publishes = TopologyStore.SubscriberQueueCapacity + 50;
        for (var i = 0; i < publishes; i++)
        {
            ctx.Publish(i % 2 == 0 ? TestTopology.Connected(withoutContainers: [TestTopology.ApiId]) : TestTopology.Connected());
        }
        Assert.True(entered.Wait(Timeout));
        release.Set();
        var last = store.Current.Revision;
        await WaitUntilAsync(() => seen.LastOrDefault()?.Snapshot.Revision == last, () => "the blocker to reach the last revision");

        var changes = seen.ToList();
        Assert.InRange(changes.Count, TopologyStore.SubscriberQueueCapacity + 1, TopologyStore.SubscriberQueueCapacity + 2); // the tail in one
        var previous = start;
        foreach (var change in changes)
        {
            Assert.Equal(previous.Revision, change.Delta.FromRevision);
            Assert.Equal(change.Snapshot.Revision, change.Delta.ToRevision);
            Assert.Equal(TopologyJson.Serialize(change.Snapshot), TopologyJson.Serialize(TopologyDiff.Apply(previous, change.Delta, change.Snapshot.GeneratedAt)));
            previous = change.Snapshot;
        }
        Assert.Equal(publishes, changes.Sum(c => c.Origins.Length)); // every observation's origin arrived
    }

    private static Task WaitUntilAsync(Func<bool> condition, Func<string> what) =>
        Eventually.WaitUntilAsync(condition, "the expected state", Timeout, what);

    /// <summary>A live page that renders the revision it shows.</summary>
    private sealed class RevisionComponent : NetDashboard.Components.Live.TopologyComponentBase
    {
        protected override void OnSnapshotChanged() { }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder) =>
            builder.AddContent(0, Snapshot.Revision);
    }

    /// <summary>Records "S:rev" / "C:from->to" as the hub would send them.</summary>
    private sealed class RecordingClient : ITopologyClient
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public Task Snapshot(TopologySnapshot snapshot)
        {
            Messages.Enqueue($"S:{snapshot.Revision}");
            return Task.CompletedTask;
        }

        public Task Traffic(NetDashboard.Core.Traffic.TrafficDocument traffic) => Task.CompletedTask; // not subscribed here

        public Task Changed(TopologyDelta delta)
        {
            Messages.Enqueue($"C:{delta.FromRevision}->{delta.ToRevision}");
            return Task.CompletedTask;
        }

        public Task WaitForAsync(Func<IReadOnlyCollection<string>, bool> condition, string what) =>
            WaitUntilAsync(() => condition(Messages), () => what + "; got " + string.Join(' ', Messages));
    }
}
