using NetDashboard.Core.Diff;
using NetDashboard.Core.Serialization;
using NetDashboard.History.Timeline;

namespace NetDashboard.History.Tests.Timeline;

public sealed class TopologyRecorderTests
{
    [Fact]
    public void The_first_revision_is_a_checkpoint_and_the_next_ones_are_deltas_that_rebuild_each_document_exactly()
    {
        var life = TimelineTopologies.Life();
        var recorder = new TopologyRecorder("run-1");
        var records = TimelineTopologies.WithDeltas(life).Select(x => recorder.Record(x.Snapshot, x.Delta)!.Record).ToList();

        Assert.Equal([true, false, false, false, false], records.Select(r => r.IsCheckpoint));
        Assert.Equal(life.Select(s => s.Revision), records.Select(r => r.Revision));
        Assert.Equal(life.Select(s => s.GeneratedAt), records.Select(r => r.Time));
        for (var i = 0; i < life.Count; i++)
        {
            var rebuilt = TopologyReplay.Rebuild(records.Take(i + 1).ToList());
            Assert.Equal(TopologyJson.Serialize(life[i]), TopologyJson.Serialize(rebuilt));
        }
    }

    [Fact]
    public void A_checkpoint_comes_every_n_revisions_after_an_hour_and_after_a_break_in_the_chain()
    {
        var life = TimelineTopologies.Life();
        var steps = TimelineTopologies.WithDeltas(life).ToList();

        var everyTwo = new TopologyRecorder("run", checkpointEvery: 2);
        Assert.Equal([true, false, true, false, true], steps.Select(x => everyTwo.Record(x.Snapshot, x.Delta)!.Record.IsCheckpoint));

        var aged = new TopologyRecorder("run", checkpointAge: TimeSpan.FromSeconds(8));
        Assert.Equal([true, false, true, false, true], steps.Select(x => aged.Record(x.Snapshot, x.Delta)!.Record.IsCheckpoint));

        var broken = new TopologyRecorder("run");
        broken.Record(steps[0].Snapshot, steps[0].Delta);
        // Revision 2 never reached the recorder (merged away): revision 3's delta does not follow revision 1.
        var merged = TopologyDeltaMerge.Merge(life[1], [steps[2].Delta!, steps[3].Delta!]);
        Assert.True(broken.Record(steps[3].Snapshot, merged)!.Record.IsCheckpoint);
        Assert.False(broken.Record(steps[4].Snapshot, steps[4].Delta)!.Record.IsCheckpoint);
    }

    [Fact]
    public void Revision_zero_and_revisions_already_recorded_are_not_stored_and_a_reset_starts_with_a_checkpoint()
    {
        var life = TimelineTopologies.Life();
        var recorder = new TopologyRecorder("run");
        Assert.Null(recorder.Record(Core.Model.TopologySnapshot.Empty, null));
        Assert.True(recorder.Record(life[0], null)!.Record.IsCheckpoint);
        Assert.Null(recorder.Record(life[0], null));
        recorder.Reset();
        Assert.True(recorder.Record(life[0], null)!.Record.IsCheckpoint);
        Assert.False(recorder.Record(life[1], TopologyDiff.Compute(life[0], life[1]))!.Record.IsCheckpoint);
    }
}
