using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Serialization;
using NetDashboard.Monitoring;
using NetDashboard.Replicas;
using NetDashboard.TestSupport;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Replicas;

/// <summary>
/// The revision feed on a real Redis, with real stores on both sides: a burst of the leader's revisions reaches a
/// follower byte for byte while Redis receives mostly deltas (bounded: far less than the whole document per revision,
/// and never more than <see cref="RevisionFeed.MaxDeltas"/> kept); a follower that misses a message, and one that
/// starts after the burst, catch up from the latest document and the deltas after it; a leader whose chain another
/// leader broke in between writes the whole document again instead of a delta that would not continue it.
/// </summary>
public sealed class RevisionFeedTests(ITestOutputHelper output)
{
    private sealed class Replica : IDisposable
    {
        public Replica(RedisServer server, string prefix, bool following)
        {
            Redis = new ReplicaRedis(Options.Create(new ReplicaOptions { Redis = server.Configuration, KeyPrefix = prefix }));
            Store = new TopologyStore(TimeProvider.System, NullLogger<TopologyStore>.Instance);
            Feed = new RevisionFeed(Redis, Store, NullLogger.Instance);
            if (following)
            {
                Store.StartFollowing();
            }
        }

        public ReplicaRedis Redis { get; }
        public TopologyStore Store { get; }
        public RevisionFeed Feed { get; }

        public void Dispose() => Redis.Dispose();
    }

    [Fact]
    public async Task A_burst_reaches_followers_byte_for_byte_with_mostly_deltas_written_and_a_late_or_lossy_follower_catches_up()
    {
        await using var server = await RedisServer.StartNewAsync();
        var prefix = "feed-" + Guid.NewGuid().ToString("N")[..8];
        using var leader = new Replica(server, prefix, following: false);
        using var follower = new Replica(server, prefix, following: true);
        using var lossy = new Replica(server, prefix, following: true);
        Assert.True(await new RedisLease(leader.Redis, "leader", TimeSpan.FromSeconds(60)).TryAcquireAsync());

        var received = 0;
        var dropped = 0;
        var subscriber = follower.Redis.Connection.GetSubscriber();
        (await subscriber.SubscribeAsync(follower.Redis.RevisionChannel)).OnMessage(m => follower.Feed.ReceiveAsync(m.Message));
        (await subscriber.SubscribeAsync(lossy.Redis.RevisionChannel)).OnMessage(async m =>
        {
            if (Interlocked.Increment(ref received) % 37 == 0)
            {
                Interlocked.Increment(ref dropped); // lost on the way: the next delta does not continue this follower's revision
                return;
            }
            await lossy.Feed.ReceiveAsync(m.Message);
        });

        var daemon = DemoDaemon.Synthetic(200, "h");
        leader.Store.Publish(daemon.Observe());
        await leader.Feed.PublishAsync("leader", leader.Store.Current, null); // as on becoming leader: the whole document
        var documentBytes = TopologyJson.SerializeToUtf8(leader.Store.Current).Length;

        var changes = new List<TopologyChange>();
        using var _ = leader.Store.Subscribe(c => { lock (changes) changes.Add(c); });
        const int revisions = 300;
        for (var i = 0; i < revisions; i++)
        {
            daemon.Step();
            leader.Store.Publish(daemon.Observe());
        }
        await Eventually.WaitUntilAsync(() => { lock (changes) return changes.Count == revisions; }, "the leader's changes");

        var before = await InputBytesAsync(server);
        foreach (var change in changes) // a burst: one after another, nobody waits for the followers
        {
            var (outcome, _) = await leader.Feed.PublishAsync("leader", change.Snapshot, change.Delta);
            Assert.Equal(RevisionFeed.Outcome.Published, outcome);
        }
        var perRevision = (await InputBytesAsync(server) - before) / (double)revisions;
        var kept = await leader.Redis.Database.ListLengthAsync(leader.Redis.DeltasKey);
        output.WriteLine($"document {documentBytes} B; Redis received {perRevision:F0} B per revision; {leader.Feed.DocumentsWritten} whole documents " +
            $"for {leader.Feed.RevisionsPublished} revisions; {kept} deltas kept; the lossy follower lost {dropped} messages");

        var expected = TopologyJson.Serialize(leader.Store.Current);
        await Eventually.WaitUntilAsync(() => TopologyJson.Serialize(follower.Store.Current) == expected, "the follower at the leader's last revision, byte for byte");
        await Eventually.WaitUntilAsync(() => TopologyJson.Serialize(lossy.Store.Current) == expected, "the lossy follower caught up, byte for byte");
        Assert.True(dropped > 0);

        Assert.True(perRevision < documentBytes / 4.0, $"Redis received {perRevision:F0} B per revision for a {documentBytes}-byte document");
        Assert.InRange(leader.Feed.DocumentsWritten, 2, revisions / 4); // bounded, and more than the first one
        Assert.InRange(kept, 0, RevisionFeed.MaxDeltas);

        // A follower that starts now: the latest document plus the deltas kept after it.
        if (kept == 0)
        {
            daemon.Step();
            leader.Store.Publish(daemon.Observe());
            await Eventually.WaitUntilAsync(() => { lock (changes) return changes.Count == revisions + 1; }, "one more change");
            await leader.Feed.PublishAsync("leader", changes[^1].Snapshot, changes[^1].Delta);
            expected = TopologyJson.Serialize(leader.Store.Current);
        }
        var latest = System.Text.Json.JsonSerializer.Deserialize<Core.Model.TopologySnapshot>(
            (byte[])(await leader.Redis.Database.StringGetAsync(leader.Redis.LatestKey))!, TopologyJson.Options)!;
        Assert.True(latest.Revision < leader.Store.Current.Revision, "the latest document is older than the last revision: the rest are deltas");
        using var late = new Replica(server, prefix, following: true);
        await late.Feed.CatchUpAsync();
        Assert.Equal(expected, TopologyJson.Serialize(late.Store.Current));
    }

    [Fact]
    public async Task A_follower_back_from_a_time_apart_takes_the_leaders_next_revision_whole_not_its_delta_on_its_own_document()
    {
        await using var server = await RedisServer.StartNewAsync();
        var prefix = "apart-" + Guid.NewGuid().ToString("N")[..8];
        using var leader = new Replica(server, prefix, following: false);
        using var follower = new Replica(server, prefix, following: false);
        Assert.True(await new RedisLease(leader.Redis, "leader", TimeSpan.FromSeconds(60)).TryAcquireAsync());

        // Apart, both made their own revision 1 (here of different daemons, so the documents surely differ).
        var daemon = DemoDaemon.Synthetic(20, "h");
        leader.Store.Publish(daemon.Observe());
        follower.Store.Publish(DemoDaemon.Synthetic(21, "h").Observe());
        Assert.Equal((1L, 1L), (leader.Store.Current.Revision, follower.Store.Current.Revision));
        await leader.Feed.PublishAsync("leader", leader.Store.Current, null);
        follower.Store.StartFollowing();
        follower.Feed.ForgetBase();
        (await follower.Redis.Connection.GetSubscriber().SubscribeAsync(follower.Redis.RevisionChannel)).OnMessage(m => follower.Feed.ReceiveAsync(m.Message));

        TopologyChange? next = null;
        using (leader.Store.Subscribe(c => next = c))
        {
            daemon.Step();
            leader.Store.Publish(daemon.Observe());
            await Eventually.WaitUntilAsync(() => next is not null, "the leader's revision 2");
        }
        Assert.Equal(1, next!.Delta.FromRevision); // a delta from ITS revision 1, which the follower's revision 1 is not
        await leader.Feed.PublishAsync("leader", next.Snapshot, next.Delta);

        var expected = TopologyJson.Serialize(leader.Store.Current);
        await Eventually.WaitUntilAsync(() => TopologyJson.Serialize(follower.Store.Current) == expected,
            "the follower at the leader's revision 2, byte for byte", describe: () => TopologyJson.Serialize(follower.Store.Current));
    }

    [Fact]
    public async Task A_leader_whose_chain_another_leader_broke_writes_the_whole_document_again()
    {
        await using var server = await RedisServer.StartNewAsync();
        var prefix = "feed-" + Guid.NewGuid().ToString("N")[..8];
        using var first = new Replica(server, prefix, following: false);
        using var second = new Replica(server, prefix, following: false);
        var firstLease = new RedisLease(first.Redis, "first", TimeSpan.FromSeconds(60));
        var secondLease = new RedisLease(second.Redis, "second", TimeSpan.FromSeconds(60));
        var daemon = DemoDaemon.Seed("h");

        Assert.True(await firstLease.TryAcquireAsync());
        first.Store.Publish(daemon.Observe());
        await first.Feed.PublishAsync("first", first.Store.Current, null);
        var changes = new List<TopologyChange>();
        using var _ = first.Store.Subscribe(c => { lock (changes) changes.Add(c); });
        daemon.Step();
        first.Store.Publish(daemon.Observe());
        await Eventually.WaitUntilAsync(() => { lock (changes) return changes.Count == 1; }, "the first leader's change");
        await first.Feed.PublishAsync("first", changes[0].Snapshot, changes[0].Delta);
        Assert.Equal(1, first.Feed.DocumentsWritten);

        // Another replica leads for a while (its own document, above the first's revisions).
        await firstLease.ReleaseAsync();
        Assert.True(await secondLease.TryAcquireAsync());
        second.Store.Publish(DemoDaemon.Seed("other").Observe());
        second.Store.Advance(first.Store.Current.Revision + 10);
        Assert.Equal(RevisionFeed.Outcome.Published, (await second.Feed.PublishAsync("second", second.Store.Current, null)).Outcome);

        // The first leads again and numbers above the floor; its next change is a delta from its own last revision.
        await secondLease.ReleaseAsync();
        Assert.True(await firstLease.TryAcquireAsync());
        first.Store.Advance(second.Store.Current.Revision + 1);
        daemon.Step();
        first.Store.Publish(daemon.Observe());
        await Eventually.WaitUntilAsync(() => { lock (changes) return changes.Count == 3; }, "the advance and the next change");
        foreach (var change in changes.Skip(1))
        {
            Assert.Equal(RevisionFeed.Outcome.Published, (await first.Feed.PublishAsync("first", change.Snapshot, change.Delta)).Outcome);
        }
        Assert.Equal(2, first.Feed.DocumentsWritten); // the advance did not continue the second's chain: whole again

        using var follower = new Replica(server, prefix, following: true);
        await follower.Feed.CatchUpAsync();
        Assert.Equal(TopologyJson.Serialize(first.Store.Current), TopologyJson.Serialize(follower.Store.Current));
    }

    /// <summary>Every byte Redis has received from its clients (<c>INFO stats</c>, on a connection of its own).</summary>
    private static async Task<long> InputBytesAsync(RedisServer server)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(server.Configuration + ",allowAdmin=true");
        var stats = (await admin.GetServer(admin.GetEndPoints()[0]).InfoAsync("stats")).SelectMany(g => g);
        return long.Parse(stats.First(p => p.Key == "total_net_input_bytes").Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
