using Microsoft.Extensions.Logging.Abstractions;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.Monitoring;

namespace NetDashboard.Web.Tests.Replicas;

/// <summary>
/// A replica's store: a follower serves exactly the leader's revisions (the same numbers and the same bytes, whether
/// it took the whole document or applied the delta as the feed does), makes none of its own while following, and
/// when it observes again continues from the last revision it had, keeping the followed document until its hosts answer.
/// </summary>
public sealed class FollowingStoreTests
{
    private static TopologyStore NewStore() => new(TimeProvider.System, NullLogger<TopologyStore>.Instance);

    [Fact]
    public async Task A_follower_serves_the_leaders_revisions_byte_for_byte_and_none_of_its_own()
    {
        var leader = NewStore();
        var follower = NewStore();
        var daemon = DemoDaemon.Seed("h");
        var leaderChanges = new List<TopologyChange>();
        using var _ = leader.Subscribe(c => { lock (leaderChanges) leaderChanges.Add(c); });
        var followed = new List<TopologyChange>();
        using var __ = follower.Subscribe(c => { lock (followed) followed.Add(c); });

        follower.StartFollowing();
        Assert.True(follower.Following);
        Assert.Equal(0, follower.Publish(daemon.Observe())); // its own observers' late read: ignored

        leader.Publish(daemon.Observe());
        Assert.True(follower.Follow(leader.Current)); // the whole document (a follower that starts)
        for (var i = 0; i < 5; i++)
        {
            daemon.Step();
            leader.Publish(daemon.Observe());
        }
        await Eventually.WaitUntilAsync(() => { lock (leaderChanges) return leaderChanges.Count == 6; }, "the leader's six changes");
        foreach (var change in leaderChanges.Skip(1))
        {
            // The feed's way: the leader's delta applied to the follower's current document, with the leader's time.
            var next = TopologyDiff.Apply(follower.Current, change.Delta, change.Snapshot.GeneratedAt);
            Assert.True(follower.Follow(next, change.Delta));
            Assert.Equal(TopologyJson.Serialize(change.Snapshot), TopologyJson.Serialize(follower.Current));
        }
        Assert.Equal(leader.Current.Revision, follower.Current.Revision);
        Assert.Equal(TopologyJson.Serialize(leader.Current), TopologyJson.Serialize(follower.Current));

        Assert.False(follower.Follow(leaderChanges[2].Snapshot)); // an older revision never goes back
        Assert.Equal(leader.Current.Revision, follower.Current.Revision);

        await Eventually.WaitUntilAsync(() => { lock (followed) return followed.Count == 6; }, "the follower's subscribers told of every revision");
        Assert.All(followed, c => Assert.True(c.Followed));
        Assert.Equal(leaderChanges.Select(c => c.Snapshot.Revision), followed.Select(c => c.Snapshot.Revision));
    }

    [Fact]
    public async Task A_follower_that_observes_again_keeps_the_followed_document_until_its_host_answers_and_continues_its_revisions()
    {
        var leader = NewStore();
        var next = NewStore();
        var daemon = DemoDaemon.Seed("h");
        for (var i = 0; i < 4; i++)
        {
            leader.Publish(daemon.Observe());
            daemon.Step();
        }
        next.StartFollowing();
        Assert.True(next.Follow(leader.Current));
        var followedRevision = next.Current.Revision;
        var changes = new List<TopologyChange>();
        using var _ = next.Subscribe(c => { lock (changes) changes.Add(c); });

        next.ResumeObserving(["h"]);
        next.Register([new Core.Observation.ObservedHost { Id = "h", Name = "h", Endpoint = "demo://h" }]); // no placeholder over the followed host
        Assert.Equal(followedRevision, next.Current.Revision);
        Assert.Equal(TopologyJson.Serialize(leader.Current), TopologyJson.Serialize(next.Current));

        next.Publish(daemon.Observe()); // the daemon moved on once since the leader's last read
        Assert.Equal(followedRevision + 1, next.Current.Revision);
        await Eventually.WaitUntilAsync(() => { lock (changes) return changes.Count == 1; }, "one change after the takeover");
        var change = changes[0];
        Assert.False(change.Followed);
        Assert.Equal(followedRevision, change.Delta.FromRevision);
        Assert.False(TopologyDiff.SameContent(next.Current, leader.Current)); // it shows the daemon's newer state
    }

    [Fact]
    public async Task Advance_moves_past_revisions_another_replica_served_with_an_empty_change()
    {
        var store = NewStore();
        store.Publish(DemoDaemon.Seed("h").Observe());
        var before = store.Current;
        var changes = new List<TopologyChange>();
        using var _ = store.Subscribe(c => { lock (changes) changes.Add(c); });

        Assert.False(store.Advance(before.Revision)); // not ahead: nothing
        Assert.True(store.Advance(before.Revision + 40));

        Assert.Equal(before.Revision + 40, store.Current.Revision);
        Assert.True(TopologyDiff.SameContent(before, store.Current));
        await Eventually.WaitUntilAsync(() => { lock (changes) return changes.Count == 1; }, "the advance announced");
        Assert.True(changes[0].Delta.IsEmpty);
        Assert.Equal((before.Revision, before.Revision + 40), (changes[0].Delta.FromRevision, changes[0].Delta.ToRevision));
    }
}
