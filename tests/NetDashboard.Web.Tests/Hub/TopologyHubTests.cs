using System.Diagnostics;
using System.Text.Json.Nodes;
using MessagePack;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Core.Model;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Hub;

[Collection(RealDockerCollection.Name)]
public class TopologyHubTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_gets_the_Snapshot_then_the_Changed_for_a_started_container(bool messagePack)
    {
        await using var app = new DashboardFactory();
        await app.WaitForAsync(t => t.Hosts.Any(h => h.Status == HostStatus.Connected), what: "the local host connected");
        await using var docker = new DockerCli();
        await using var client = new HubTestClient(app, messagePack);
        await client.StartAsync();
        Assert.StartsWith("S:", client.Log.First());

        var id = await docker.RunAsync("hubbed");
        var doc = await client.WaitForAsync(t => t.FindContainer(id)?.State == "running", TimeSpan.FromSeconds(10), "the container running");
        Assert.True(client.Changes >= 1);
        Assert.Equal(0, client.Gaps);
        Assert.Equal(docker.Name("hubbed"), doc.FindContainer(id)!.Name);
    }

    [Fact]
    public async Task The_MessagePack_payload_uses_the_contracts_camelCase_names()
    {
        await using var app = new DashboardFactory();
        await app.WaitForAsync(t => t.Hosts.Any(h => h.Status == HostStatus.Connected), what: "the local host connected");
        await using var docker = new DockerCli();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/topology"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .AddMessagePackProtocol() // plain client: raw maps, no help from our resolver
            .Build();
        await using var _ = connection;
        var snapshot = new TaskCompletionSource<IDictionary<object, object>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var changed = new TaskCompletionSource<IDictionary<object, object>>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<object>("Snapshot", o => snapshot.TrySetResult((IDictionary<object, object>)o));
        connection.On<object>("Changed", o => changed.TrySetResult((IDictionary<object, object>)o));
        await connection.StartAsync();

        var s = await snapshot.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(s.ContainsKey("schemaVersion") && s.ContainsKey("revision") && s.ContainsKey("generatedAt"), string.Join(",", s.Keys));
        var host = (IDictionary<object, object>)((object[])s["hosts"])[0];
        Assert.Equal("connected", host["status"]);

        await docker.RunAsync("packed");
        var c = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(
            new[] { "fromRevision", "toRevision", "upserted", "removed" }.Order(),
            c.Keys.Cast<string>().Order());
        Assert.True(Convert.ToInt64(c["toRevision"]) > Convert.ToInt64(c["fromRevision"]));
        Assert.Contains("containers", ((IDictionary<object, object>)c["upserted"]).Keys.Cast<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Under_churn_the_client_document_equals_GET_api_topology_at_the_same_revision(bool messagePack)
    {
        await using var app = new DashboardFactory();
        await app.WaitForAsync(t => t.Hosts.Any(h => h.Status == HostStatus.Connected), what: "the local host connected");
        await using var docker = new DockerCli();
        await using var client = new HubTestClient(app, messagePack);
        await client.StartAsync();

        const int count = 30;
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(i => docker.RunAsync($"churn{i}")));
        await Task.WhenAll(ids.Where((_, i) => i % 2 == 0).Select(id => docker.DockerAsync("stop", "-t", "1", id)));
        await Task.WhenAll(ids.Where((_, i) => i % 4 == 1).Select(id => docker.DockerAsync("rm", "-f", id)));

        await app.WaitForAsync(t => ids.Select((id, i) => (id, i)).All(x =>
                x.i % 4 == 1 ? t.FindContainer(x.id) is null
                : x.i % 2 == 0 ? t.FindContainer(x.id)?.State == "exited"
                : t.FindContainer(x.id)?.State == "running"),
            TimeSpan.FromSeconds(30), "all churn settled");

        var http = app.CreateClient();
        JsonNode? api = null;
        await Eventually.WaitUntilAsync(async () => (long)(api = JsonNode.Parse(await http.GetStringAsync("/api/topology"))!)["revision"]! == client.Document!.Revision,
            "the client at the API's revision", TimeSpan.FromSeconds(15),
            () => $"client at {client.Document!.Revision}, API at {api?["revision"]}; {string.Join(' ', client.Log)}");
        Assert.Equal(HubTestClient.Canonical(api!).ToJsonString(), HubTestClient.Canonical(client.Document!).ToJsonString());
        output.WriteLine($"{client.Snapshots} snapshot(s), {client.Changes} Changed for {count} containers churned; log: {string.Join(' ', client.Log)}");
        Assert.Equal(0, client.Gaps);
        Assert.True(client.Changes < 3 * count, "bursts are coalesced");
    }

    [Fact]
    public async Task A_client_that_lost_a_Changed_sees_the_revision_gap_resyncs_and_converges()
    {
        await using var app = new DashboardFactory();
        await app.WaitForAsync(t => t.Hosts.Any(h => h.Status == HostStatus.Connected), what: "the local host connected");
        await using var docker = new DockerCli();
        await using var client = new HubTestClient(app, messagePack: true);
        await client.StartAsync();

        client.DropNextChanged = true;
        var lost = await docker.RunAsync("gap-lost");
        await WaitForLogAsync(client, e => e.StartsWith("C!:", StringComparison.Ordinal), "the dropped Changed");
        Assert.Null(client.Document!.FindContainer(lost)); // really missing on the client

        var next = await docker.RunAsync("gap-next");
        var doc = await client.WaitForAsync(t => t.FindContainer(next)?.State == "running" && t.FindContainer(lost) is not null,
            TimeSpan.FromSeconds(10), "both containers after the resync");
        output.WriteLine("log: " + string.Join(' ', client.Log));
        Assert.True(client.Gaps >= 1, "the next Changed did not start at the client's revision");
        Assert.True(client.Snapshots >= 2, "Resync answered with a Snapshot");
        Assert.Equal("running", doc.FindContainer(lost)!.State);
        // The Snapshot came after the gap in the log: the gap is what triggered it.
        var log = client.Log.ToList();
        Assert.True(log.FindLastIndex(e => e.StartsWith("S:", StringComparison.Ordinal)) > log.FindIndex(e => e.StartsWith("C!:", StringComparison.Ordinal)));
    }

    private static Task WaitForLogAsync(HubTestClient client, Func<string, bool> entry, string what) =>
        Eventually.WaitUntilAsync(() => client.Log.Any(entry), what, TimeSpan.FromSeconds(10), () => "log: " + string.Join(' ', client.Log));

    [Fact]
    public async Task Resync_answers_with_a_Snapshot()
    {
        await using var app = new DashboardFactory();
        await app.WaitForAsync(t => t.Hosts.Any(h => h.Status == HostStatus.Connected), what: "the local host connected");
        await using var client = new HubTestClient(app, messagePack: false);
        await client.StartAsync();
        Assert.Equal(1, client.Snapshots);
        await client.Connection.InvokeAsync("Resync");
        await Eventually.WaitUntilAsync(() => client.Snapshots >= 2, "the Resync's Snapshot", TimeSpan.FromSeconds(5));
        Assert.Equal(2, client.Snapshots);
        Assert.Equal(app.Store.Current.Revision, client.Document!.Revision);
    }

    [Fact]
    public async Task A_slow_client_does_not_delay_a_fast_one_and_then_catches_up()
    {
        await using var app = new DashboardFactory();
        await app.WaitForAsync(t => t.Hosts.Any(h => h.Status == HostStatus.Connected), what: "the local host connected");
        await using var docker = new DockerCli();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var slow = new HubTestClient(app, messagePack: false) { BeforeChanged = () => release.Task };
        await using var fast = new HubTestClient(app, messagePack: true);
        await slow.StartAsync();
        await fast.StartAsync();

        var ids = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => docker.RunAsync($"slowfast{i}")));
        var clock = Stopwatch.StartNew();
        await fast.WaitForAsync(t => ids.All(id => t.FindContainer(id)?.State == "running"), TimeSpan.FromSeconds(10), "all ten running (fast client)");
        output.WriteLine($"fast client had all ten {clock.ElapsedMilliseconds} ms after the last docker run; the slow one is blocked at revision {slow.Document!.Revision}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the blocked client did not hold the fast one up");

        release.SetResult();
        var caughtUp = await slow.WaitForAsync(t => t.Revision == app.Store.Current.Revision, TimeSpan.FromSeconds(10), "the slow client caught up");
        Assert.All(ids, id => Assert.Equal("running", caughtUp.FindContainer(id)?.State));
    }
}
