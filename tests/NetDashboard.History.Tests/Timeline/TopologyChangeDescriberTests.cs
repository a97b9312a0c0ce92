using NetDashboard.History.Timeline;

namespace NetDashboard.History.Tests.Timeline;

public sealed class TopologyChangeDescriberTests
{
    [Fact]
    public void Each_step_of_a_containers_life_is_one_sentence_with_its_kind_and_ids()
    {
        var life = TimelineTopologies.Life();
        var steps = Enumerable.Range(1, life.Count - 1).Select(i => Assert.Single(TopologyChangeDescriber.Describe(life[i - 1], life[i]))).ToList();

        Assert.Equal([TimelineChangeKinds.ContainerAdded, TimelineChangeKinds.ContainerChanged, TimelineChangeKinds.ContainerChanged, TimelineChangeKinds.ContainerRemoved],
            steps.Select(s => s.Kind));
        Assert.Equal("Container c1 created (running, on a).", steps[0].Summary);
        Assert.Equal("Container c1 renamed to c1-renamed.", steps[1].Summary);
        Assert.Equal("Container c1-renamed: connected to b; disconnected from a.", steps[2].Summary);
        Assert.Equal("Container c1-renamed removed.", steps[3].Summary);
        Assert.All(steps, s => Assert.Equal((TimelineTopologies.Id, Topologies.Host), (s.ContainerId, s.HostId)));
        Assert.Equal(life.Skip(1).Select(s => (s.Revision, s.GeneratedAt)), steps.Select(s => (s.Revision, s.Time)));
    }

    [Fact]
    public void A_gap_is_dated_and_says_what_follows_was_seen_late()
    {
        var gap = TopologyChangeDescriber.NotWatched(Topologies.T0, Topologies.T0.AddMinutes(90), 1);
        Assert.Equal(TimelineChangeKinds.NotWatched, gap.Kind);
        Assert.Equal("The dashboard was not running from 2026-11-28 14:00:00 UTC to 2026-11-28 15:30:00 UTC (1 h 30 min): what changed meanwhile was observed when it started again.", gap.Summary);
    }
}
