using NetDashboard.Core.Building;
using NetDashboard.Docker.Connection;
using NetDashboard.Docker.Observing;
using NetDashboard.TestSupport;

namespace NetDashboard.Docker.Tests;

/// <summary>
/// The adapter against a real newer engine that refuses old API versions, as Engine 29 does: Debian 13's docker.io
/// (26.1.x, API 1.45) unpacked by <c>scripts/newer-dockerd.sh fetch</c> and run by <c>scripts/second-dockerd.sh</c>
/// in its own network namespace with <c>DOCKER_MIN_API_VERSION=1.44</c>. Needs root, network access to the Debian
/// mirror the machine already uses (the first time; later runs use the cache) and the test image on the main daemon
/// (<c>scripts/docker-up.sh</c>). The daemon, and with it everything created on it, is destroyed afterwards.
/// </summary>
public class NewerEngineTests
{
    private const string DaemonName = "ndnew";
    private const string Bip = "10.231.41.1/24";
    private const string Subnet = "10.231.42.0/24";
    private const string ContainerIp = "10.231.42.10";
    private const string NetworkName = "ndnew-net";
    private const string ContainerName = "ndnew-web";
    private const string Alias = "web-alias";

    [Fact]
    public async Task The_adapter_negotiates_with_an_engine_that_refuses_API_1_41_and_reads_its_topology()
    {
        var daemon = await NewerEngine.StartAsync("trixie", DaemonName, Bip);
        await using (daemon) // destroys the daemon with its containers and networks, whatever happens below
        {
            // The start loads the test image; make sure, then create what the topology should show.
            await daemon.DockerAsync("image", "inspect", "--format", "{{.Id}}", DockerCli.Image);
            var networkId = (await daemon.DockerAsync("network", "create", "--label", DockerCli.TestLabel,
                "--subnet", Subnet, NetworkName)).Trim();
            var containerId = (await daemon.DockerAsync("run", "-d", "--init", "--label", DockerCli.TestLabel,
                "--name", ContainerName, "--network", NetworkName, "--network-alias", Alias, "--ip", ContainerIp,
                DockerCli.Image, "sleep", "3600")).Trim();

            var endpoint = DockerEndpoint.Resolve(daemon.Endpoint, false, null);

            // (a) Unversioned, the daemon says what it speaks and its minimum; at 1.41 it refuses in its own words.
            using (var unversioned = DockerClientFactory.Create(endpoint, apiVersion: null))
            {
                var version = await unversioned.System.GetVersionAsync();
                Assert.Equal("1.44", version.MinAPIVersion);
                Assert.Equal("1.45", version.APIVersion);
                Assert.StartsWith("26.", version.Version);
            }
            using (var old = DockerClientFactory.Create(endpoint, new Version(1, 41)))
            {
                var ex = await Assert.ThrowsAnyAsync<Exception>(() => old.Networks.ListNetworksAsync(new()));
                var sentence = DockerErrorDescriber.Describe(ex, endpoint);
                Assert.Contains("client version 1.41 is too old. Minimum supported API version is 1.44", sentence);
                Assert.Contains(daemon.Endpoint, sentence);
            }

            // (b) The observer negotiates 1.45 by itself and reads the topology.
            var observer = ObserverHarness.Create(daemon.Endpoint, id: "newer");
            var observation = await ObserverHarness.FirstAsync(observer,
                o => o.Host.Connected && o.Containers.Any(c => c.Id == containerId && c.State == "running" && c.Inspect is not null),
                TimeSpan.FromSeconds(60));
            Assert.True(observation.Host.Connected, observation.Host.Error);
            Assert.Equal("1.45", observation.Host.ApiVersion);
            Assert.StartsWith("26.", observation.Host.EngineVersion);

            var (host, networks, containers) = TopologyBuilder.BuildHost(observation);
            Assert.Equal(("1.45", "newer"), (host.ApiVersion!, host.Id));
            Assert.Null(host.Error);

            var network = Assert.Single(networks, n => n.Id == networkId);
            Assert.Equal(NetworkName, network.Name);
            Assert.Equal("br-" + networkId[..12], network.Bridge);
            Assert.Equal(Subnet, Assert.Single(network.Subnets).Subnet);
            Assert.True(network.Dns);

            var container = Assert.Single(containers, c => c.Id == containerId);
            Assert.Equal(ContainerName, container.Name);
            Assert.Equal("running", container.State);
            Assert.Equal("1", container.Labels["netdashboard.test"]);
            var attached = Assert.Single(container.Endpoints);
            Assert.Equal((networkId, NetworkName), (attached.NetworkId, attached.NetworkName));
            Assert.Equal(ContainerIp, attached.Ipv4);
            Assert.Equal(24, attached.Ipv4PrefixLength);
            Assert.Contains(Alias, attached.Aliases);
            // API >= 1.44 fills DNSNames: the name, the aliases and the short id.
            var dnsNames = Assert.NotNull(attached.DnsNames);
            Assert.Contains(ContainerName, dnsNames);
            Assert.Contains(Alias, dnsNames);
            Assert.Contains(containerId[..12], dnsNames);

            // (c) The container's veth peer lives in the daemon's namespace, not ours: no host interface, never a
            // wrong one (the index it names may well exist here), although the container's side was read.
            Assert.NotNull(observation.HostInterfaces);
            Assert.Null(attached.HostInterface);
            Assert.Null(attached.HostInterfaceIndex);
            Assert.Equal("eth0", attached.ContainerInterface);
            Assert.All(containers.SelectMany(c => c.Endpoints), e => Assert.Null(e.HostInterface));
        }
    }
}
