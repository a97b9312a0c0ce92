using System.Net;
using System.Text.Json;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Access;

namespace NetDashboard.Web.Tests.Management;

/// <summary>
/// The management API on the real dockerd, as an operator's script uses it: create a network, connect a container with
/// an alias and a static address, disconnect it, remove the network — each answered as the contract says, seen in the
/// topology at once, and audited.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class NetworkWriteTests
{
    [Fact]
    public async Task An_operator_creates_connects_disconnects_and_removes_and_each_shows_up_live_and_is_audited()
    {
        await using var docker = new DockerCli();
        var containerId = await docker.RunAsync("app");
        var name = docker.TrackNetwork("aa_network");
        await using var app = new AccessApp(false, new Dictionary<string, string?> { ["NetDashboard:Features:Write"] = "true" });
        var ops = WriteClient.Operator(app);
        await app.Factory.WaitForAsync(t => t.Containers.Any(c => c.Id == containerId), TimeSpan.FromSeconds(30), "the test container");

        using var created = await ops.PostAsync("/api/networks", new
        {
            name, subnet = "10.231.77.0/24", gateway = "10.231.77.1", ipRange = "10.231.77.128/25",
            labels = new Dictionary<string, string> { ["netdashboard.test"] = "1" },
            options = new Dictionary<string, string> { ["com.docker.network.bridge.name"] = "nd-aa77" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetString()!;
        Assert.Equal($"/api/networks/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(name, body.RootElement.GetProperty("name").GetString());
        Assert.Equal("nd-aa77", body.RootElement.GetProperty("bridge").GetString());
        var inspect = await docker.InspectAsync(name, network: true);
        Assert.Equal("10.231.77.0/24", inspect.GetProperty("IPAM").GetProperty("Config")[0].GetProperty("Subnet").GetString());
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync($"/api/networks/{name}")).StatusCode);

        using (var connected = await ops.PostAsync($"/api/networks/{name}/connect", new { container = docker.Name("app"), aliases = new[] { "api" }, ipv4 = "10.231.77.200" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, connected.StatusCode);
        }
        var endpoint = app.Factory.Store.Current.Containers.Single(c => c.Id == containerId).Endpoints.Single(e => e.NetworkId == id);
        Assert.Equal("10.231.77.200", endpoint.Ipv4);
        Assert.Contains("api", endpoint.Aliases);

        using (var disconnected = await ops.PostAsync($"/api/networks/{id}/disconnect", new { container = containerId }))
        {
            Assert.Equal(HttpStatusCode.NoContent, disconnected.StatusCode);
        }
        Assert.DoesNotContain(app.Factory.Store.Current.Containers.Single(c => c.Id == containerId).Endpoints, e => e.NetworkId == id);

        using (var removed = await ops.DeleteAsync($"/api/networks/{name}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }
        Assert.DoesNotContain(app.Factory.Store.Current.Networks, n => n.Id == id);

        using var audit = JsonDocument.Parse(await (await ops.GetAsync("/api/audit?limit=10")).Content.ReadAsStringAsync());
        var rows = audit.RootElement.EnumerateArray().Select(r => (Action: r.GetProperty("action").GetString(), Outcome: r.GetProperty("outcome").GetString(),
            User: r.GetProperty("user").GetString(), Role: r.GetProperty("role").GetString(), Status: r.GetProperty("status").GetInt32())).ToList();
        Assert.Equal(
            [("network-remove", "succeeded", "ci-write", "operator", 204), ("network-disconnect", "succeeded", "ci-write", "operator", 204),
             ("network-connect", "succeeded", "ci-write", "operator", 204), ("network-create", "succeeded", "ci-write", "operator", 201)],
            rows);
        Assert.Contains("10.231.77.200", audit.RootElement[2].GetProperty("parameters").GetString());
    }

    [Fact]
    public async Task Writes_off_answer_404_naming_the_switch_and_strangers_and_viewers_are_refused_when_on()
    {
        await using (var off = new AccessApp(false))
        {
            using var answer = await WriteClient.Operator(off).PostAsync("/api/networks", new { name = "x" });
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            Assert.Contains("NetDashboard:Features:Write", (await WriteClient.ProblemAsync(answer)).Detail);
        }
        await using var app = new AccessApp(false, new Dictionary<string, string?> { ["NetDashboard:Features:Write"] = "true" });
        using (var anonymous = await new WriteClient(app.Client(), null).PostAsync("/api/networks", new { name = "x" }))
        {
            Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, await anonymous.Content.ReadAsStringAsync());
            Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        }
        using (var wrong = await new WriteClient(app.Client(), "not-a-token").PostAsync("/api/networks", new { name = "x" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using (var viewer = await new WriteClient(app.Client(), AccessApp.ViewerToken).DeleteAsync("/api/networks/x"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
            Assert.Contains("operator", (await WriteClient.ProblemAsync(viewer)).Detail);
        }
        // A signed-in operator's cookie without the antiforgery header: 400, nothing changed.
        var browser = app.Client();
        using (var _ = await AccessApp.SignInAsync(browser, "olga", AccessApp.Password)) { }
        using (var csrf = await new WriteClient(browser, null).PostAsync("/api/networks", new { name = "nd-csrf-never" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, csrf.StatusCode);
            Assert.Contains("antiforgery", (await WriteClient.ProblemAsync(csrf)).Detail);
        }
        Assert.DoesNotContain(app.Factory.Store.Current.Networks, n => n.Name == "nd-csrf-never");
        // Only what passed authentication is audited: the cookie operator's refused attempt, not the stranger's or the viewer's.
        using var audit = JsonDocument.Parse(await (await WriteClient.Operator(app).GetAsync("/api/audit")).Content.ReadAsStringAsync());
        var row = Assert.Single(audit.RootElement.EnumerateArray());
        Assert.Equal(("olga", "operator", "network-create", "refused", 400),
            (row.GetProperty("user").GetString(), row.GetProperty("role").GetString(), row.GetProperty("action").GetString(), row.GetProperty("outcome").GetString(), row.GetProperty("status").GetInt32()));
    }
}
