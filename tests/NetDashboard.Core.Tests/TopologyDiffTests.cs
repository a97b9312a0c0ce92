using System.Text.Json;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;

namespace NetDashboard.Core.Tests;

public class TopologyDiffTests
{
    private static TopologySnapshot Snapshot(DemoDaemon daemon, long revision) =>
        TopologyBuilder.Build([daemon.Observe()], revision, DateTimeOffset.UnixEpoch.AddSeconds(revision));

    [Fact]
    public void Same_observation_gives_an_empty_delta()
    {
        var daemon = DemoDaemon.Seed();
        Assert.True(TopologyDiff.Compute(Snapshot(daemon, 1), Snapshot(daemon, 2)).IsEmpty);
    }

    [Fact]
    public void Each_demo_step_changes_only_what_changed_and_applying_the_delta_gives_the_new_snapshot()
    {
        var daemon = DemoDaemon.Seed();
        var current = Snapshot(daemon, 1);
        for (var step = 0; step < 8; step++)
        {
            var what = daemon.Step();
            var next = Snapshot(daemon, current.Revision + 1);
            var delta = TopologyDiff.Compute(current, next);

            Assert.False(delta.IsEmpty, $"step {step} ({what}) changed nothing");
            Assert.Equal(current.Revision, delta.FromRevision);
            Assert.Equal(next.Revision, delta.ToRevision);
            Assert.All(delta.Upserted.Containers, c => Assert.Equal("worker", c.Name));
            Assert.Empty(delta.Upserted.Networks);

            var applied = TopologyDiff.Apply(current, delta, next.GeneratedAt);
            Assert.Equal(TopologyJson.Serialize(next), TopologyJson.Serialize(applied));
            current = next;
        }
    }

    [Fact]
    public void Added_and_removed_objects_are_reported_by_id()
    {
        var small = DemoDaemon.Synthetic(10);
        var before = Snapshot(small, 1);
        var gone = before.Containers[3];
        var after = before with
        {
            Revision = 2,
            Containers = before.Containers.Remove(gone).Add(gone with { Id = "new-id", Name = "newcomer" }),
        };
        var delta = TopologyDiff.Compute(before, after);
        Assert.Equal([gone.Id], delta.Removed.Containers.ToArray());
        Assert.Equal("newcomer", Assert.Single(delta.Upserted.Containers).Name);
        Assert.Equal(TopologyJson.Serialize(TopologyOrdering.Sorted(after)), TopologyJson.Serialize(TopologyDiff.Apply(before, delta)));
    }

    [Fact]
    public void Wire_format_uses_lower_case_words_and_keeps_nulls()
    {
        var json = JsonDocument.Parse(TopologyJson.Serialize(Snapshot(DemoDaemon.Seed(), 5))).RootElement;
        Assert.Equal(1, json.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(5, json.GetProperty("revision").GetInt64());
        Assert.Equal("connected", json.GetProperty("hosts")[0].GetProperty("status").GetString());
        Assert.EndsWith("Z", json.GetProperty("generatedAt").GetString());
        var batch = json.GetProperty("containers").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "batch");
        Assert.Equal("none", batch.GetProperty("networkMode").GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("endpoints")[0].GetProperty("ipv4").ValueKind);
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("networkMode").GetProperty("sharesWith").ValueKind);
    }
}
