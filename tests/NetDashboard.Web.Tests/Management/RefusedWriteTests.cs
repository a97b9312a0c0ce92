using System.Net;
using System.Text;
using System.Text.Json;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Access;

namespace NetDashboard.Web.Tests.Management;

/// <summary>
/// A table of bad writes against the real dockerd: each gets its status and its sentence (every problem at once where
/// there are several), and the daemon's networks and containers are byte for byte what they were before.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class RefusedWriteTests
{
    private sealed record Case(string Method, string Path, string? Json, HttpStatusCode Status, string Sentence);

    [Fact]
    public async Task Every_bad_write_is_refused_with_its_status_and_sentence_and_changes_nothing()
    {
        await using var docker = new DockerCli();
        var used = docker.Name("used");
        await docker.CreateNetworkAsync("used", "--subnet", "10.231.78.0/24");
        var inUse = await docker.RunAsync("inuse", "--network", used, "--ip", "10.231.78.10");
        var free = await docker.RunAsync("free");
        var hostMode = await docker.RunAsync("hostmode", "--network", "host");
        var noNet = await docker.RunAsync("nonet", "--network", "none");
        var sharer = await docker.RunAsync("sharer", "--network", "container:" + docker.Name("inuse"));
        var fresh = docker.TrackNetwork("never"); // no case may create it; removed at the end if one did
        await using var app = new AccessApp(false, new Dictionary<string, string?> { ["NetDashboard:Features:Write"] = "true" });
        await app.Factory.WaitForAsync(t => t.Containers.Count(c => c.Name.StartsWith(docker.Prefix, StringComparison.Ordinal)) == 5, TimeSpan.FromSeconds(30), "the five test containers");
        var ops = WriteClient.Operator(app);

        Case[] cases =
        [
            new("POST", "/api/networks", """{"name":"bad name!"}""", HttpStatusCode.BadRequest, "'bad name!' is not a valid network name"),
            new("POST", "/api/networks", """{"name":""}""", HttpStatusCode.BadRequest, "A network needs a name."),
            new("POST", "/api/networks", $$"""{"name":"{{fresh}}","subnet":"10.231.78.0/25"}""", HttpStatusCode.BadRequest, $"10.231.78.0/25 overlaps 10.231.78.0/24 of the network '{used}'"),
            new("POST", "/api/networks", $$"""{"name":"{{fresh}}","subnet":"10.231.79.0/24","gateway":"10.231.80.1"}""", HttpStatusCode.BadRequest, "The gateway 10.231.80.1 is not inside the subnet 10.231.79.0/24."),
            new("POST", "/api/networks", $$"""{"name":"{{fresh}}","subnet":"10.231.79.0/24","ipRange":"10.231.80.0/25"}""", HttpStatusCode.BadRequest, "The ip-range 10.231.80.0/25 is not inside the subnet 10.231.79.0/24."),
            new("POST", "/api/networks", $$"""{"name":"{{fresh}}","subnet":"10.231.79.0/33"}""", HttpStatusCode.BadRequest, "'10.231.79.0/33' is not a subnet in CIDR notation"),
            new("POST", "/api/networks", $$"""{"name":"{{fresh}}","subnet":"banana"}""", HttpStatusCode.BadRequest, "'banana' is not a subnet in CIDR notation"),
            new("POST", "/api/networks", $$"""{"name":"{{fresh}}","subnet":"10.231.79.0/24","gateway":"banana"}""", HttpStatusCode.BadRequest, "'banana' is not an IP address."),
            new("POST", "/api/networks", $$"""{"name":"{{fresh}}","gateway":"10.0.0.1"}""", HttpStatusCode.BadRequest, "A gateway needs a subnet to lie in"),
            new("POST", "/api/networks", $$"""{"name":"{{fresh}}","driver":"weird"}""", HttpStatusCode.BadRequest, "'weird' is not a driver this dashboard creates"),
            new("POST", "/api/networks", $$"""{"name":"{{used}}"}""", HttpStatusCode.Conflict, $"A network named '{used}' already exists"),
            new("POST", "/api/networks", """{"name":5}""", HttpStatusCode.BadRequest, "The body's 'name' has the wrong type"),
            new("POST", "/api/networks", $$"""{"name":"{{fresh}}","internal":"yes"}""", HttpStatusCode.BadRequest, "The body's 'internal' has the wrong type"),
            new("POST", "/api/networks", "not json at all", HttpStatusCode.BadRequest, "The body is not a JSON object this route takes."),
            new("POST", "/api/networks", $$$"""{"name":"{{{fresh}}}","labels":{"x":"{{{new string('a', 70_000)}}}"}}""", HttpStatusCode.BadRequest, "The request body is larger than 64 KB"),
            new("POST", "/api/networks", """{"name":"-x","subnet":"bad","driver":"zz"}""", HttpStatusCode.BadRequest, "The network cannot be created as asked: 3 problems, listed per field."),
            new("DELETE", $"/api/networks/{used}", null, HttpStatusCode.Conflict, $"The network '{used}' still has 1 container attached ({docker.Name("inuse")}): disconnect it first."),
            new("DELETE", "/api/networks/bridge", null, HttpStatusCode.BadRequest, "'bridge' is one of Docker's own networks: it cannot be removed."),
            new("DELETE", "/api/networks/host", null, HttpStatusCode.BadRequest, "'host' is one of Docker's own networks"),
            new("DELETE", "/api/networks/nd-no-such-network", null, HttpStatusCode.NotFound, "There is no network 'nd-no-such-network' on host local."),
            new("POST", $"/api/networks/{used}/connect", $$"""{"container":"{{hostMode}}"}""", HttpStatusCode.Conflict, "uses the host's network stack (--network host)"),
            new("POST", $"/api/networks/{used}/connect", $$"""{"container":"{{noNet}}"}""", HttpStatusCode.Conflict, "uses no network (--network none)"),
            new("POST", $"/api/networks/{used}/connect", $$"""{"container":"{{sharer}}"}""", HttpStatusCode.Conflict, "uses another container's network stack"),
            new("POST", $"/api/networks/{used}/connect", $$"""{"container":"{{free}}","ipv4":"10.231.99.5"}""", HttpStatusCode.BadRequest, "10.231.99.5 is outside the network's subnet 10.231.78.0/24."),
            new("POST", $"/api/networks/{used}/connect", $$"""{"container":"{{free}}","ipv4":"10.231.78.10"}""", HttpStatusCode.BadRequest, $"10.231.78.10 is in use by '{docker.Name("inuse")}' on this network."),
            new("POST", $"/api/networks/{used}/connect", $$"""{"container":"{{free}}","ipv4":"not-an-ip"}""", HttpStatusCode.BadRequest, "'not-an-ip' is not an IPv4 address."),
            new("POST", $"/api/networks/{used}/connect", $$"""{"container":"{{inUse}}"}""", HttpStatusCode.Conflict, "is already connected to"),
            new("POST", $"/api/networks/{used}/connect", """{"container":"nd-no-such-container"}""", HttpStatusCode.NotFound, "There is no container 'nd-no-such-container' on host local."),
            new("POST", "/api/networks/nd-no-such-network/connect", $$"""{"container":"{{free}}"}""", HttpStatusCode.NotFound, "There is no network 'nd-no-such-network'"),
            new("POST", "/api/networks/host/connect", $$"""{"container":"{{free}}"}""", HttpStatusCode.Conflict, "'host' is not a network a container can be connected to"),
            new("POST", $"/api/networks/{used}/disconnect", $$"""{"container":"{{free}}"}""", HttpStatusCode.Conflict, "is not connected to"),
            new("POST", $"/api/networks/{used}/disconnect", """{"force":true}""", HttpStatusCode.BadRequest, "Name the container (its name or id)."),
            new("POST", "/api/networks?host=elsewhere", $$"""{"name":"{{fresh}}"}""", HttpStatusCode.BadRequest, "There is no host 'elsewhere' here"),
        ];

        var before = await DaemonStateAsync(docker, [inUse, free, hostMode, noNet, sharer]);
        var failures = new List<string>();
        foreach (var c in cases)
        {
            using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path)
            {
                Content = c.Json is null ? null : new StringContent(c.Json, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AccessApp.OperatorToken);
            using var answer = await ops.Http.SendAsync(request);
            var body = await answer.Content.ReadAsStringAsync();
            var detail = answer.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString() ?? ""
                : "";
            if (answer.StatusCode != c.Status || !detail.Contains(c.Sentence, StringComparison.Ordinal))
            {
                failures.Add($"{c.Method} {c.Path} {c.Json?[..Math.Min(80, c.Json.Length)]}: expected {(int)c.Status} '{c.Sentence}', got {(int)answer.StatusCode} {body[..Math.Min(400, body.Length)]}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await DaemonStateAsync(docker, [inUse, free, hostMode, noNet, sharer]));
        Assert.True(cases.Length >= 20);

        // Every refused attempt is in the audit, with the sentence its caller read.
        using var audit = JsonDocument.Parse(await (await ops.GetAsync("/api/audit?limit=100")).Content.ReadAsStringAsync());
        Assert.Equal(cases.Length, audit.RootElement.GetArrayLength());
        Assert.All(audit.RootElement.EnumerateArray(), r => Assert.Equal("refused", r.GetProperty("outcome").GetString()));
    }

    /// <summary>The test's networks (names and inspect) and containers (inspect) as the daemon has them.</summary>
    private static async Task<string> DaemonStateAsync(DockerCli docker, string[] containers)
    {
        var networks = await docker.DockerAsync("network", "ls", "--filter", $"name={docker.Prefix}", "--format", "{{.ID}} {{.Name}}");
        var inspect = await docker.DockerAsync(["network", "inspect", docker.Name("used")]);
        var containerState = await docker.DockerAsync(["inspect", .. containers]);
        return networks + inspect + containerState;
    }
}
