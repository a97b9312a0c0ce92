using System.Net;
using System.Text.Json;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests;

/// <summary>/api/topology against the real dockerd: each seed scenario as docker inspect and the kernel say it is.</summary>
[Collection(RealDockerCollection.Name)]
public class SeedScenarioTests(SeedScenario scenario) : IClassFixture<SeedScenario>
{
    private async Task<(string Json, TopologySnapshot Document)> GetTopologyAsync(string query = "")
    {
        using var client = scenario.App.CreateClient();
        var response = await client.GetAsync("/api/topology" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadAsStringAsync();
        return (json, TopologyJson.Deserialize<TopologySnapshot>(json)!);
    }

    [Fact]
    public async Task The_document_validates_against_the_contract_schema()
    {
        var (json, document) = await GetTopologyAsync();
        ContractSchema.AssertValid(json);
        var host = Assert.Single(document.Hosts);
        Assert.Equal(("local", HostStatus.Connected, null), (host.Id, host.Status, host.Error));
        Assert.Equal("1.41", host.ApiVersion);

        var (narrowed, _) = await GetTopologyAsync("?host=local");
        ContractSchema.AssertValid(narrowed);
    }

    [Fact]
    public async Task Networks_match_docker_network_inspect_and_the_kernel()
    {
        var (_, document) = await GetTopologyAsync();
        foreach (var shortName in new[] { "app", "internal" })
        {
            var inspect = await scenario.Docker.InspectAsync(scenario.Docker.Name(shortName), network: true);
            var network = document.FindNetwork(inspect.GetProperty("Id").GetString()!)!;
            Assert.Equal(inspect.GetProperty("Name").GetString(), network.Name);
            Assert.Equal(("bridge", "local", true, true), (network.Driver, network.Scope, network.Dns, network.Icc));
            Assert.Equal(inspect.GetProperty("Internal").GetBoolean(), network.Internal);
            Assert.Equal("br-" + network.Id[..12], network.Bridge);
            Assert.True(Kernel.IsBridge(network.Bridge!), $"{network.Bridge} is not a bridge on the host");
            var config = inspect.GetProperty("IPAM").GetProperty("Config")[0];
            var subnet = Assert.Single(network.Subnets);
            Assert.Equal(config.GetProperty("Subnet").GetString(), subnet.Subnet);
            Assert.Equal(await Kernel.AddressOfAsync(network.Bridge!), subnet.Gateway);
            Assert.Equal("1", network.Labels["netdashboard.test"]);
        }
        Assert.True(document.FindNetwork(scenario.Docker.Name("internal"))!.Internal);
        Assert.Equal(scenario.Gateway, document.FindNetwork(scenario.Docker.Name("app"))!.Subnets[0].Gateway);

        var bridge = document.FindNetwork("bridge")!;
        Assert.Equal(("docker0", false, true), (bridge.Bridge!, bridge.Dns, bridge.Icc));
        Assert.Equal(await Kernel.AddressOfAsync("docker0"), bridge.Subnets[0].Gateway);
        Assert.Equal(("host", false, false), (document.FindNetwork("host")!.Driver, document.FindNetwork("host")!.Dns, document.FindNetwork("host")!.Icc));
        Assert.Equal("null", document.FindNetwork("none")!.Driver);
    }

    [Fact]
    public async Task Default_bridge_container_with_a_published_port()
    {
        var (_, document) = await GetTopologyAsync();
        var web = document.FindContainer(scenario.Docker.Name("web"))!;
        var inspect = await scenario.Docker.InspectAsync(web.Id);
        Assert.Equal((NetworkModeKind.Bridge, "default"), (web.NetworkMode.Kind, web.NetworkMode.Raw));

        var bindings = inspect.GetProperty("NetworkSettings").GetProperty("Ports").GetProperty("8080/tcp").EnumerateArray()
            .Select(b => (b.GetProperty("HostIp").GetString(), int.Parse(b.GetProperty("HostPort").GetString()!)))
            .OrderBy(b => b.Item1).ToArray();
        Assert.NotEmpty(bindings);
        var ports = web.Ports.Where(p => p.HostPort is not null).Select(p => (p.HostIp, p.HostPort!.Value)).OrderBy(b => b.HostIp).ToArray();
        Assert.Equal(bindings, ports);
        Assert.All(web.Ports, p => Assert.Equal((8080, "tcp", false), (p.ContainerPort, p.Protocol, p.Discarded)));

        AssertEndpointMatches(Assert.Single(web.Endpoints), inspect, "bridge");
        Assert.StartsWith("172.17.", web.Endpoints[0].Ipv4);
    }

    [Fact]
    public async Task User_network_endpoint_with_subnet_gateway_and_alias()
    {
        var (_, document) = await GetTopologyAsync();
        var db = document.FindContainer(scenario.Docker.Name("db"))!;
        var inspect = await scenario.Docker.InspectAsync(db.Id);
        Assert.Equal((NetworkModeKind.Network, scenario.Docker.Name("app")), (db.NetworkMode.Kind, db.NetworkMode.Raw));
        var endpoint = Assert.Single(db.Endpoints);
        AssertEndpointMatches(endpoint, inspect, scenario.Docker.Name("app"));
        Assert.Equal(scenario.Gateway, endpoint.Gateway);
        Assert.Contains("database", endpoint.Aliases);
        Assert.Contains(db.Id[..12], endpoint.Aliases);
    }

    [Fact]
    public async Task Host_mode_drops_the_requested_port_with_a_warning()
    {
        var (_, document) = await GetTopologyAsync();
        var c = document.FindContainer(scenario.Docker.Name("hostmode"))!;
        Assert.Equal(NetworkModeKind.Host, c.NetworkMode.Kind);
        var port = Assert.Single(c.Ports);
        Assert.Equal((80, 19999, true, (string?)null), (port.ContainerPort, port.HostPort!.Value, port.Discarded, port.HostIp));
        Assert.Equal(WarningCodes.PortsDiscardedHostMode, Assert.Single(c.Warnings).Code);
        var endpoint = Assert.Single(c.Endpoints);
        Assert.Equal(("host", (string?)null, (string?)null), (endpoint.NetworkName, endpoint.Ipv4, endpoint.HostInterface));
    }

    [Fact]
    public async Task None_mode_has_loopback_only()
    {
        var (_, document) = await GetTopologyAsync();
        var c = document.FindContainer(scenario.Docker.Name("none"))!;
        Assert.Equal(NetworkModeKind.None, c.NetworkMode.Kind);
        var endpoint = Assert.Single(c.Endpoints);
        Assert.Equal(("none", (string?)null, (string?)null), (endpoint.NetworkName, endpoint.Ipv4, endpoint.Mac));
        var inspect = await scenario.Docker.InspectAsync(c.Id);
        var links = await Kernel.VethPairsAsync(inspect.GetProperty("NetworkSettings").GetProperty("SandboxKey").GetString()!);
        Assert.Empty(links); // no veth: only lo
    }

    [Fact]
    public async Task Container_mode_shares_the_owners_namespace()
    {
        var (_, document) = await GetTopologyAsync();
        var web = document.FindContainer(scenario.Docker.Name("web"))!;
        var sharer = document.FindContainer(scenario.Docker.Name("sharer"))!;
        var inspect = await scenario.Docker.InspectAsync(sharer.Id);
        Assert.Equal(inspect.GetProperty("HostConfig").GetProperty("NetworkMode").GetString(), sharer.NetworkMode.Raw);
        Assert.Equal((NetworkModeKind.Container, web.Id), (sharer.NetworkMode.Kind, sharer.NetworkMode.SharesWith!));
        Assert.Empty(sharer.Endpoints);
        Assert.Empty(sharer.Warnings);
    }

    [Fact]
    public async Task One_container_on_two_networks()
    {
        var (_, document) = await GetTopologyAsync();
        var multi = document.FindContainer(scenario.Docker.Name("multi"))!;
        var inspect = await scenario.Docker.InspectAsync(multi.Id);
        Assert.Equal(2, multi.Endpoints.Length);
        AssertEndpointMatches(multi.Endpoints.Single(e => e.NetworkName == scenario.Docker.Name("app")), inspect, scenario.Docker.Name("app"));
        AssertEndpointMatches(multi.Endpoints.Single(e => e.NetworkName == scenario.Docker.Name("internal")), inspect, scenario.Docker.Name("internal"));
    }

    [Fact]
    public async Task Every_bridged_endpoint_names_the_veth_the_kernel_pairs_it_with()
    {
        var (_, document) = await GetTopologyAsync();
        var checkedPairs = 0;
        foreach (var shortName in new[] { "web", "db", "multi" })
        {
            var c = document.FindContainer(scenario.Docker.Name(shortName))!;
            var inspect = await scenario.Docker.InspectAsync(c.Id);
            var pairs = await Kernel.VethPairsAsync(inspect.GetProperty("NetworkSettings").GetProperty("SandboxKey").GetString()!);
            Assert.Equal(c.Endpoints.Length, pairs.Count);
            foreach (var endpoint in c.Endpoints)
            {
                var pair = pairs.Single(p => p.Mac == endpoint.Mac);
                Assert.Equal(pair.HostName, endpoint.HostInterface);
                Assert.Equal(pair.HostIndex, endpoint.HostInterfaceIndex);
                Assert.Equal(pair.ContainerInterface, endpoint.ContainerInterface);
                Assert.Equal(document.FindNetwork(endpoint.NetworkId)!.Bridge, pair.Bridge);
                checkedPairs++;
            }
        }
        Assert.Equal(4, checkedPairs);
    }

    [Fact]
    public async Task Unknown_host_is_a_problem_document_and_healthz_reports_the_daemon()
    {
        using var client = scenario.App.CreateClient();
        var response = await client.GetAsync("/api/topology?host=nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("nope", problem.GetProperty("detail").GetString());

        var unknownRoute = await client.GetAsync("/api/nope");
        Assert.Equal(HttpStatusCode.NotFound, unknownRoute.StatusCode);
        Assert.Equal("application/problem+json", unknownRoute.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/api/nope", JsonDocument.Parse(await unknownRoute.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());

        var health = JsonDocument.Parse(await client.GetStringAsync("/healthz")).RootElement;
        var host = health.GetProperty("hosts")[0];
        Assert.Equal(("local", true), (host.GetProperty("id").GetString(), host.GetProperty("reachable").GetBoolean()));
    }

    private static void AssertEndpointMatches(EndpointInfo endpoint, JsonElement inspect, string networkName)
    {
        var e = inspect.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty(networkName);
        Assert.Equal(networkName, endpoint.NetworkName);
        Assert.Equal(e.GetProperty("NetworkID").GetString(), endpoint.NetworkId);
        Assert.Equal(e.GetProperty("IPAddress").GetString(), endpoint.Ipv4);
        Assert.Equal(e.GetProperty("IPPrefixLen").GetInt32(), endpoint.Ipv4PrefixLength);
        Assert.Equal(e.GetProperty("Gateway").GetString(), endpoint.Gateway);
        Assert.Equal(e.GetProperty("MacAddress").GetString(), endpoint.Mac);
        var aliases = e.GetProperty("Aliases").ValueKind == JsonValueKind.Array ? e.GetProperty("Aliases").EnumerateArray().Select(a => a.GetString()!).ToArray() : [];
        Assert.Equal(aliases, endpoint.Aliases.ToArray());
    }
}
