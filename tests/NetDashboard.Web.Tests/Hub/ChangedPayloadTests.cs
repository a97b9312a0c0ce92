using MessagePack;
using MessagePack.Resolvers;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Diff;
using NetDashboard.Hubs;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Hub;

/// <summary>
/// The budget of issue 15: on a 1,000-container topology, the hub's <c>Changed</c> for one container's change (a stop,
/// a restart with a new address, a network join, a leave) is at most 5 KB in JSON and in MessagePack — it carries that
/// container (and what its change touched), never the topology. Sizes are deterministic, so a test can hold them.
/// </summary>
public class ChangedPayloadTests(ITestOutputHelper output)
{
    private const int Budget = 5 * 1024;

    [Fact]
    public void One_container_change_on_a_1000_container_topology_is_a_Changed_of_at_most_5_KB()
    {
        var daemon = DemoDaemon.Synthetic(1000);
        var at = DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var before = TopologyBuilder.Build([daemon.Observe()], 1, at);
        var msgpack = TopologyMessagePackResolver.Configure(MessagePackSerializerOptions.Standard.WithResolver(ContractlessStandardResolver.Instance));
        var snapshotJson = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(before, TopologyHubJson.Options).Length;
        var changes = 0;
        for (var step = 0; step < 4; step++)
        {
            var what = daemon.Step();
            var after = TopologyBuilder.Build([daemon.Observe()], before.Revision + 1, at.AddSeconds(step + 1));
            var delta = TopologyDiff.Compute(before, after);
            if (delta.IsEmpty)
            {
                continue;
            }
            changes++;
            var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(delta, TopologyHubJson.Options).Length;
            var packed = MessagePackSerializer.Serialize(delta, msgpack).Length;
            output.WriteLine($"{what}: Changed {json} B JSON, {packed} B MessagePack (the Snapshot: {snapshotJson / 1024} KiB JSON)");
            Assert.Single(delta.Upserted.Containers);
            Assert.Empty(delta.Removed.Containers);
            Assert.InRange(json, 1, Budget);
            Assert.InRange(packed, 1, Budget);
            before = after;
        }
        Assert.Equal(4, changes);
    }
}
