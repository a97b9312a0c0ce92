using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Serialization;
using NetDashboard.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Insight;

/// <summary>
/// GET /api/reachability against the real dockerd, each prediction checked live (ping / nslookup via docker exec
/// inside the source container, aimed only at the scenario's containers): prediction and observation must agree.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class ReachabilityTests(ReachabilityScenario scenario, ITestOutputHelper output) : IClassFixture<ReachabilityScenario>
{
    private async Task<ReachabilityReport> VerifyAsync(string from, string to)
    {
        using var http = scenario.App.CreateClient();
        var url = $"/api/reachability?from={scenario.Docker.Name(from)}&to={scenario.Docker.Name(to)}&verify=true";
        var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        var report = JsonSerializer.Deserialize<ReachabilityReport>(body, TopologyJson.Options)!;
        var o = report.Observed!;
        output.WriteLine($"{from} → {to}: byIp {report.ByIp.Reachable} ({report.ByIp.Reason}); byName {report.ByName.Reachable} ({report.ByName.Reason})");
        output.WriteLine($"   ping: {o.Ping.Command} ran={o.Ping.Ran} ok={o.Ping.Succeeded} expected={o.Ping.Expected} — {o.Ping.Detail}");
        output.WriteLine($"   lookup: {o.Lookup.Command} ran={o.Lookup.Ran} ok={o.Lookup.Succeeded} expected={o.Lookup.Expected} — {o.Lookup.Detail}");
        Assert.False(o.Disagrees, $"{from} → {to}: the live check disagrees with the prediction");
        return report;
    }

    [Fact]
    public async Task Default_bridge_reaches_by_IP_and_not_by_name_and_the_live_check_agrees()
    {
        var r = await VerifyAsync("b1", "b2");
        Assert.True(r.ByIp.Reachable);
        Assert.False(r.ByName.Reachable);
        Assert.True(r.Observed!.Ping is { Ran: true, Succeeded: true });
        Assert.True(r.Observed.Lookup is { Ran: true, Succeeded: false }); // no embedded DNS on the default bridge
    }

    [Fact]
    public async Task A_user_network_reaches_by_IP_and_by_name_and_aliases_resolve()
    {
        var r = await VerifyAsync("u1", "u2");
        Assert.True(r.ByIp.Reachable);
        Assert.True(r.ByName.Reachable);
        Assert.Contains("u2-alias", r.ByName.Names);
        Assert.True(r.Observed!.Ping is { Ran: true, Succeeded: true });
        Assert.True(r.Observed.Lookup is { Ran: true, Succeeded: true });
        Assert.Equal(r.ByIp.Address, r.Observed.Lookup.ResolvedAddress);

        // Every predicted name really resolves to that address inside u1 (answered by the embedded DNS itself).
        foreach (var name in r.ByName.Names)
        {
            var lookup = await scenario.Docker.DockerAsync("exec", scenario.Docker.Name("u1"), "nslookup", name, "127.0.0.11");
            Assert.Equal(r.ByIp.Address, ReachabilityVerifier.ResolvedAddress(lookup));
        }
    }

    [Fact]
    public async Task An_internal_network_connects_its_members_but_has_no_egress()
    {
        var r = await VerifyAsync("i1", "i2");
        Assert.True(r.ByIp.Reachable);
        Assert.True(r.ByName.Reachable);
        Assert.False(r.Egress.Reachable);
        Assert.True(r.Observed!.Ping.Succeeded && r.Observed.Lookup.Succeeded);
    }

    [Fact]
    public async Task With_icc_disabled_the_name_resolves_but_the_traffic_is_dropped()
    {
        var r = await VerifyAsync("c1", "c2");
        Assert.False(r.ByIp.Reachable);
        Assert.Contains("enable_icc=false", r.ByIp.Reason);
        Assert.True(r.Observed!.Ping is { Ran: true, Succeeded: false });
        Assert.True(r.Observed.Lookup is { Ran: true, Succeeded: true });
    }

    [Fact]
    public async Task A_container_sharer_reaches_its_owner_on_localhost()
    {
        var r = await VerifyAsync("s1", "u1");
        Assert.Equal("same-stack", r.Relation);
        Assert.Equal("127.0.0.1", r.ByIp.Address);
        Assert.True(r.Observed!.Ping is { Ran: true, Succeeded: true });
        // And it reaches u2 with its owner's network, by name too.
        var toPeer = await VerifyAsync("s1", "u2");
        Assert.True(toPeer.ByIp.Reachable && toPeer.ByName.Reachable);
    }

    [Fact]
    public async Task Separate_networks_do_not_reach_each_other()
    {
        var r = await VerifyAsync("u1", "b1");
        Assert.False(r.ByIp.Reachable);
        Assert.Contains("no network in common", r.ByIp.Reason);
        Assert.True(r.Observed!.Ping is { Ran: true, Succeeded: false });
        Assert.False(r.Observed.Lookup.Ran); // the embedded DNS would forward the unknown name upstream: not run
        Assert.NotEmpty(r.ByIp.ViaHost); // b1 publishes port 80 on every address
    }

    [Fact]
    public async Task Host_mode_reaches_containers_by_IP_and_containers_reach_it_at_their_gateway()
    {
        var fromHost = await VerifyAsync("h1", "u1");
        Assert.True(fromHost.ByIp.Reachable);
        Assert.False(fromHost.ByName.Reachable);
        Assert.True(fromHost.Observed!.Ping.Succeeded);

        var toHost = await VerifyAsync("u1", "h1");
        Assert.True(toHost.ByIp.Reachable);
        Assert.EndsWith(".1", toHost.ByIp.Address);
        Assert.True(toHost.Observed!.Ping.Succeeded);
    }

    [Fact]
    public async Task None_reaches_nothing_and_nothing_reaches_it()
    {
        var r = await VerifyAsync("n1", "u1");
        Assert.False(r.ByIp.Reachable);
        Assert.True(r.Observed!.Ping is { Ran: true, Succeeded: false });
        var into = await VerifyAsync("u1", "n1");
        Assert.False(into.ByIp.Reachable);
        Assert.False(into.Observed!.Ping.Ran); // n1 has no address to aim at
    }

    [Fact]
    public async Task Bad_input_gets_one_sentence_problems()
    {
        using var http = scenario.App.CreateClient();
        var missing = await http.GetAsync("/api/reachability?from=x");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var unknown = await http.GetAsync($"/api/reachability?from={scenario.Docker.Name("u1")}&to=nd-no-such-container");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("No container is named or has the id 'nd-no-such-container'.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_matrix_of_a_network_matches_the_pairwise_answers()
    {
        using var http = scenario.App.CreateClient();
        var matrix = JsonSerializer.Deserialize<ReachabilityMatrix>(
            await http.GetStringAsync($"/api/reachability/matrix?network={scenario.Docker.Name("user")}"), TopologyJson.Options)!;
        // u1, u2 and u1's sharer s1: all one network.
        Assert.Equal(new[] { "s1", "u1", "u2" }.Select(scenario.Docker.Name), matrix.Containers.Select(c => c.Name));
        Assert.All(matrix.Cells, row => Assert.All(row, cell => Assert.True(cell.ByIp)));
    }
}
