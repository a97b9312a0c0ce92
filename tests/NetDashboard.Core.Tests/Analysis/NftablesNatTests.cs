using System.Collections.Immutable;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Building;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Tests.Analysis;

/// <summary>
/// Engine 29's nftables backend: the recorded <c>nft -j list table ip|ip6 docker-bridges</c> of the tables moby writes
/// for the topology below (NetDashboard.Docker.Tests/Recordings/nftables: docker-bridges.nft, record-nft.sh), parsed
/// and compared with the derived NAT path as the iptables rules are.
/// </summary>
public class NftablesNatTests
{
    private const string RoutedId = "45927829b0d0aa8f8b6f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3";
    private const string WebId = "2cf8c6e128f868026027124b7b17c496789fbd4137263733f72aa54022c0db3f";
    private const string RoutedWebId = "a341a042564c49aefdc9ae0b38dca9a32f691f5bfee061e1274a706ef8b4c35b";
    private const string AppBridge = "br-988df8fe1ba1";

    private static string Recorded(string family) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recordings", "nftables", $"docker-bridges.{family}.json"));

    private static NatRules Kernel() => NftablesNat.Parse(Recorded("ip"), Recorded("ip6"));

    /// <summary>The daemon the recorded tables belong to (see docker-bridges.nft).</summary>
    private static TopologySnapshot Model(string? backend = FirewallBackends.Nftables)
    {
        var app = Observations.UserNetwork(Observations.AppId, "app", "172.28.0.0/16", "172.28.0.1") with
        {
            EnableIPv6 = true,
            IpamConfig = [new ObservedIpamConfig { Subnet = "172.28.0.0/16", Gateway = "172.28.0.1" }, new ObservedIpamConfig { Subnet = "fd00:28::/64", Gateway = "fd00:28::1" }],
        };
        var routed = Observations.UserNetwork(RoutedId, "routed", "10.231.52.0/24", "10.231.52.1",
            new() { ["com.docker.network.bridge.gateway_mode_ipv4"] = "routed" });
        var web = Observations.Container(WebId, "web", "app",
            Observations.Endpoint("app", Observations.AppId, "172.28.0.2", 16, "172.28.0.1", "02:42:ac:1c:00:02") with
            {
                GlobalIPv6Address = "fd00:28::2", GlobalIPv6PrefixLen = 64, IPv6Gateway = "fd00:28::1",
            }) with
        {
            Ports =
            [
                new ObservedPort { PrivatePort = 8080, PublicPort = 8081, Ip = "0.0.0.0", Type = "tcp" },
                new ObservedPort { PrivatePort = 8080, PublicPort = 8081, Ip = "::", Type = "tcp" },
                new ObservedPort { PrivatePort = 80, PublicPort = 8082, Ip = "127.0.0.1", Type = "tcp" },
            ],
        };
        var routedWeb = Observations.Container(RoutedWebId, "routedweb", "routed",
            Observations.Endpoint("routed", RoutedId, "10.231.52.2", 24, "10.231.52.1", "2e:ff:98:ae:d4:71")) with
        {
            Ports = [new ObservedPort { PrivatePort = 80, Ip = "0.0.0.0", Type = "tcp" }],
        };
        var observation = Observations.Daemon([Observations.DefaultBridge("172.17.0.1"), app, routed], [web, routedWeb]) with
        {
            Host = Observations.Host() with { ApiVersion = "1.52", EngineVersion = "29.1.2", FirewallBackend = backend },
        };
        return TopologyBuilder.Build([observation], 1, DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void The_recorded_tables_give_Dockers_DNAT_and_masquerade_rules_with_their_text_as_nft_prints_it()
    {
        var kernel = Kernel();
        Assert.Equal((FirewallBackends.Nftables, true, "nat-prerouting-and-output"), (kernel.Backend, kernel.HasDockerRules, kernel.DnatChain));
        Assert.Equal(
        [
            ($"iifname != \"{AppBridge}\" tcp dport 8081 counter dnat to 172.28.0.2:8080 comment \"DNAT\"", null, "tcp", 8081, AppBridge, "172.28.0.2", 8080),
            ($"iifname != \"{AppBridge}\" ip daddr 127.0.0.1 tcp dport 8082 counter dnat to 172.28.0.2:80 comment \"DNAT\"", "127.0.0.1", "tcp", 8082, AppBridge, "172.28.0.2", 80),
            ($"iifname != \"{AppBridge}\" ip6 saddr != fe80::/10 tcp dport 8081 counter dnat to [fd00:28::2]:8080 comment \"DNAT\"", (string?)null, "tcp", 8081, AppBridge, "fd00:28::2", 8080),
        ], kernel.Dnat.Select(r => (r.Text, r.Destination, r.Protocol, r.HostPort, r.ExcludedInInterface!, r.ToAddress, r.ToPort)).ToArray());
        // The raw-PREROUTING drops and the nat-OUTPUT jump are no DNAT; the routed bridge has no masquerade.
        Assert.Equal(
        [
            ("172.17.0.0/16", "docker0", "oifname != \"docker0\" ip saddr 172.17.0.0/16 counter masquerade comment \"MASQUERADE\""),
            ("172.28.0.0/16", AppBridge, $"oifname != \"{AppBridge}\" ip saddr 172.28.0.0/16 counter masquerade comment \"MASQUERADE\""),
            ("fd00:28::/64", AppBridge, $"oifname != \"{AppBridge}\" ip6 saddr fd00:28::/64 counter masquerade comment \"MASQUERADE\""),
        ], kernel.Masquerade.Select(m => (m.Source, m.ExcludedOutInterface!, m.Text)).ToArray());
        Assert.All(kernel.Masquerade, m => Assert.Null(m.Destination));
    }

    [Fact]
    public void Every_published_port_and_the_subnet_match_the_kernels_rules_IPv6_DNAT_included()
    {
        var model = Model();
        var path = NatPathBuilder.Build(model, model.FindContainer("web")!, Kernel(), tableOf: "the network namespace of dockerd (pid 812)");
        Assert.Equal("compared", path.Source);
        Assert.Equal(0, path.Differences);
        Assert.Contains("checked against the nftables rules of the network namespace of dockerd (pid 812) (nft list table ip|ip6 docker-bridges): every rule is there", path.Note);
        Assert.Equal(3, path.Published.Length);
        Assert.All(path.Published, p =>
        {
            Assert.Equal(NatRuleMatch.Match, p.Kernel);
            Assert.Equal(p.ExpectedRule, p.KernelRule); // the rule Docker writes, in nft's own words
        });
        var v6 = path.Published.Single(p => p.HostIp == "::");
        Assert.Equal($"[::]:8081 → DNAT → [fd00:28::2]:8080/tcp on {AppBridge} (app)", v6.Summary);
        var masquerade = Assert.Single(path.Masquerade);
        Assert.Equal((NatRuleMatch.Match, $"oifname != \"{AppBridge}\" ip saddr 172.28.0.0/16 counter masquerade comment \"MASQUERADE\""),
            (masquerade.Kernel, masquerade.ExpectedRule));

        // Routed: no DNAT and no masquerade, and the kernel agrees.
        var routed = NatPathBuilder.Build(model, model.FindContainer("routedweb")!, Kernel());
        Assert.Equal((NatRuleMatch.Match, true), (Assert.Single(routed.Published).Kernel, routed.Published[0].Routed));
        Assert.Empty(routed.Masquerade);
        Assert.Equal(0, routed.Differences);
    }

    [Fact]
    public void A_missing_a_changed_and_an_unexpected_rule_are_differences()
    {
        var model = Model();
        var web = model.FindContainer("web")!;
        var kernel = Kernel();

        var missing = NatPathBuilder.Build(model, web, kernel with { Dnat = kernel.Dnat.RemoveAll(r => r.HostPort == 8082) });
        Assert.Equal(NatRuleMatch.Missing, missing.Published.Single(p => p.HostPort == 8082).Kernel);
        Assert.Equal(1, missing.Differences);
        Assert.Contains("1 difference", missing.Note);

        var elsewhere = kernel with { Dnat = kernel.Dnat.Select(r => r.ToAddress.Contains(':') ? r with { ToAddress = "fd00:28::9", Text = r.Text.Replace("fd00:28::2", "fd00:28::9") } : r).ToImmutableArray() };
        var differs = NatPathBuilder.Build(model, web, elsewhere).Published.Single(p => p.HostIp == "::");
        Assert.Equal((NatRuleMatch.Differs, true), (differs.Kernel, differs.KernelRule!.Contains("fd00:28::9", StringComparison.Ordinal)));

        var extra = kernel.Dnat[0] with { HostPort = 9999, Text = "iifname != \"br-988df8fe1ba1\" ip6 saddr != fe80::/10 tcp dport 9999 counter dnat to [fd00:28::2]:22 comment \"DNAT\"", ToAddress = "fd00:28::2", ToPort = 22 };
        var unexpected = NatPathBuilder.Build(model, web, kernel with { Dnat = kernel.Dnat.Add(extra) });
        Assert.Equal([extra.Text], unexpected.UnexpectedRules.ToArray());

        var noMasquerade = NatPathBuilder.Build(model, web, kernel with { Masquerade = [] });
        Assert.Equal(NatRuleMatch.Missing, Assert.Single(noMasquerade.Masquerade).Kernel);
    }

    [Fact]
    public void Without_the_tables_or_without_a_read_the_path_is_derived_in_nfts_words_and_says_why()
    {
        var model = Model();
        var web = model.FindContainer("web")!;
        var derived = NatPathBuilder.Build(model, web, null, "nft is not installed where the dashboard runs");
        Assert.Equal("derived", derived.Source);
        Assert.Contains("derived from Docker's model: nft is not installed where the dashboard runs", derived.Note);
        Assert.Equal($"iifname != \"{AppBridge}\" ip daddr 127.0.0.1 tcp dport 8082 counter dnat to 172.28.0.2:80 comment \"DNAT\"",
            derived.Published.Single(p => p.HostPort == 8082).ExpectedRule);
        Assert.All(derived.Published, p => Assert.Equal(NatRuleMatch.NotCompared, p.Kernel));

        var empty = NftablesNat.Parse("""{"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}]}""");
        Assert.False(empty.HasDockerRules);
        var none = NatPathBuilder.Build(model, web, empty, tableOf: "the network namespace of dockerd (pid 812)");
        Assert.Equal("derived", none.Source);
        Assert.Contains("nft list table ip|ip6 docker-bridges in the network namespace of dockerd (pid 812) shows no docker-bridges table", none.Note);

        // The same daemon writing with iptables: iptables' syntax, IPv6 not compared.
        var iptables = Model(FirewallBackends.Iptables);
        var old = NatPathBuilder.Build(iptables, iptables.FindContainer("web")!, null);
        Assert.Equal("-A DOCKER -d 127.0.0.1/32 ! -i br-988df8fe1ba1 -p tcp -m tcp --dport 8082 -j DNAT --to-destination 172.28.0.2:80",
            old.Published.Single(p => p.HostPort == 8082).ExpectedRule);
        Assert.Null(old.Published.Single(p => p.HostIp == "::").ExpectedRule);
    }
}
