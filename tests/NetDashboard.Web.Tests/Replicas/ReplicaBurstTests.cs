using NetDashboard.Core.Model;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Hub;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Replicas;

/// <summary>
/// Two replica processes on one real Redis and the real dockerd, through a burst of changes (containers started and
/// stopped at once): the follower's store and its hub client follow every revision from the deltas (no gap), and
/// <c>GET /api/topology</c> is the same bytes on both; a replica that joins afterwards catches up from the latest whole
/// document plus the deltas kept after it and serves the same bytes too.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class ReplicaBurstTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task After_a_burst_the_follower_and_a_replica_that_joins_later_serve_the_leaders_bytes()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var docker = new DockerCli();
        await using var pair = await ReplicaPair.StartAsync(redis);
        var (first, second) = (pair.First, pair.Second);
        await using var onSecond = new HubTestClient(second.BaseAddress, messagePack: true);
        await onSecond.StartAsync();
        var from = (await first.TopologyAsync()).Revision;

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => docker.RunAsync($"burst-{i}")));
        await Task.WhenAll(ids.Take(4).Select(id => docker.DockerAsync("stop", "-t", "1", id)));
        bool Settled(TopologySnapshot t) => ids.Take(4).All(id => t.Containers.Any(c => c.Id == id && c.State == "exited"))
            && ids.Skip(4).All(id => t.Containers.Any(c => c.Id == id && c.State == "running"));
        var seen = await onSecond.WaitForAsync(Settled, Live, "the burst on the follower's hub client");
        await ReplicaTests.SameBytesAsync(first, second);
        Assert.Equal(0, onSecond.Gaps);
        Assert.Equal(1, onSecond.Snapshots);

        Assert.True(seen.Revision - from >= 2, $"only {seen.Revision - from} revisions for the burst");

        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var kept = await admin.GetDatabase().ListLengthAsync("{netdashboard}:deltas");
        output.WriteLine($"revisions {from} → {seen.Revision}; {kept} deltas kept after the latest whole document");
        if (kept == 0)
        {
            // The burst's last revision happened to be written whole: one more change is a delta after it.
            var one = await docker.RunAsync("one-more");
            await onSecond.WaitForAsync(t => t.Containers.Any(c => c.Id == one && c.State == "running"), Live, "one more container");
            await Eventually.WaitUntilAsync(async () => await admin.GetDatabase().ListLengthAsync("{netdashboard}:deltas") > 0, "a delta kept in Redis");
        }

        await using var third = new ReplicaProcess("replica 3", redis.Configuration);
        await third.WaitForRoleAsync("follower");
        await ReplicaTests.SameBytesAsync(first, third);
        Assert.True(Settled(System.Text.Json.JsonSerializer.Deserialize<TopologySnapshot>((await third.TopologyAsync()).Body,
            Core.Serialization.TopologyJson.Options)!));
    }
}
