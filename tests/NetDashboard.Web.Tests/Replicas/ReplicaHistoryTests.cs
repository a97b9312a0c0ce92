using System.Diagnostics;
using System.Net;
using System.Text.Json;
using NetDashboard.TestSupport;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Replicas;

/// <summary>
/// Two replicas (two real processes) sharing one real Redis and one PostgreSQL history
/// (<c>NetDashboard:History:ConnectionString</c>), watching the real dockerd: the leader writes the history, and both
/// answer <c>/api/history</c> and <c>GET /api/topology?at=</c> with the same bytes; after the leader is killed the
/// new leader goes on writing the same history (it starts from what the database holds, so nothing is refused).
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class ReplicaHistoryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Both_replicas_answer_the_history_and_earlier_topologies_the_same_and_the_next_leader_goes_on_writing_it()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var postgres = await PostgresServer.StartNewAsync();
        var settings = new Dictionary<string, string>
        {
            ["NetDashboard__History__Enabled"] = "true",
            ["NetDashboard__History__ConnectionString"] = postgres.CreateDatabase(),
        };
        await using var docker = new DockerCli();
        await using var pair = await ReplicaPair.StartAsync(redis, settings);
        var (first, second) = (pair.First, pair.Second);

        var before = await RunAndRecordAsync(docker, "first", first, second);
        var between = await RunAndRecordAsync(docker, "second", first, second);
        var firstId = before.Id;

        // An earlier time on both replicas: the same document, from the shared history.
        var atBefore = await SameAsync(first, second, $"/api/topology?at={Uri.EscapeDataString(before.Before.ToString("O"))}");
        var atBetween = await SameAsync(first, second, $"/api/topology?at={Uri.EscapeDataString(between.Before.ToString("O"))}");
        Assert.DoesNotContain(firstId, atBefore);
        Assert.Contains(firstId, atBetween);
        Assert.DoesNotContain(between.Id, atBetween);
        Assert.Contains(firstId, await SameAsync(first, second, $"/api/history/containers/{firstId}"));
        await SameAsync(first, second, "/api/history");

        var clock = Stopwatch.StartNew();
        first.Kill();
        await second.WaitForRoleAsync("leader", TimeSpan.FromSeconds(15));
        output.WriteLine($"replica 2 led {clock.ElapsedMilliseconds} ms after replica 1 was killed");
        var after = await RunAndRecordAsync(docker, "after-failover", second);
        using var status = JsonDocument.Parse(await second.Http.GetStringAsync("/api/history"));
        Assert.Equal(JsonValueKind.Null, status.RootElement.GetProperty("problem").ValueKind); // the new leader's rows were all taken
        Assert.Contains(firstId, await second.Http.GetStringAsync($"/api/history/containers/{firstId}"));
        var atFailover = await second.Http.GetStringAsync($"/api/topology?at={Uri.EscapeDataString(after.Before.ToString("O"))}");
        Assert.Contains(between.Id, atFailover);
        Assert.DoesNotContain(after.Id, atFailover);
    }

    /// <summary>Starts a container and waits until the history of every given replica knows it (the leader wrote it).</summary>
    private static async Task<(string Id, DateTimeOffset Before)> RunAndRecordAsync(DockerCli docker, string name, params ReplicaProcess[] replicas)
    {
        var before = DateTimeOffset.UtcNow;
        var id = await docker.RunAsync(name);
        foreach (var replica in replicas)
        {
            await Eventually.WaitUntilAsync(async () => (await replica.Http.GetAsync($"/api/history/containers/{id}")).StatusCode == HttpStatusCode.OK,
                $"{replica.Name}'s history knowing {name}", Live, () => replica.Output, TimeSpan.FromMilliseconds(100));
        }
        return (id, before);
    }

    /// <summary>The same route on both replicas answers the same bytes (once both are at the same revision).</summary>
    private static async Task<string> SameAsync(ReplicaProcess one, ReplicaProcess other, string route)
    {
        string a = "", b = "";
        await Eventually.WaitUntilAsync(async () =>
        {
            using var x = await one.Http.GetAsync(route);
            using var y = await other.Http.GetAsync(route);
            a = $"{(int)x.StatusCode} {await x.Content.ReadAsStringAsync()}";
            b = $"{(int)y.StatusCode} {await y.Content.ReadAsStringAsync()}";
            return a == b;
        }, $"{route} the same on both replicas", Live, () => $"\n{a}\n{b}", TimeSpan.FromMilliseconds(100));
        Assert.StartsWith("200 ", a);
        return a;
    }
}
