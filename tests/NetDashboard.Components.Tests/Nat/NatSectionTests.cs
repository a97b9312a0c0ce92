using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Components.Map;
using NetDashboard.Components.Nat;
using NetDashboard.Components.Pages;
using NetDashboard.Components.Tests.Map;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Map;

namespace NetDashboard.Components.Tests.Nat;

/// <summary>The NAT path (seed row S6) on the container page, in the map's side panel and on the network page.</summary>
public sealed class NatSectionTests
{
    [Fact]
    public async Task The_container_page_shows_the_DNAT_line_the_masquerade_and_that_the_view_is_derived()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(MapTestSupport.Seed());
        var cut = ctx.Render<ContainerDetail>(p => p.Add(c => c.Id, "web"));
        var ip = ctx.Store.Current.Container("web").Endpoints.Single().Ipv4;

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-section='nat'] [data-nat-path]")), NetDashboardTestContext.LiveTimeout);
        var nat = cut.Find("[data-section='nat']");
        Assert.Equal("false", nat.GetAttribute("aria-busy"));
        Assert.Equal("derived", nat.QuerySelector("[data-nat-source]")!.TextContent.Trim());
        Assert.Equal("Derived from Docker's model: this is the built-in demo, there is no kernel to compare with.", nat.QuerySelector("[data-nat-note]")!.TextContent);
        var port = nat.QuerySelector("[data-nat-port='0.0.0.0:8081/tcp']")!;
        Assert.Equal($"0.0.0.0:8081 → DNAT → {ip}:8080/tcp on docker0 (bridge)", port.QuerySelector("[data-summary]")!.TextContent);
        Assert.Equal("not compared", port.QuerySelector("[data-nat-chip]")!.TextContent.Trim());
        var masq = nat.QuerySelector("[data-nat-masq='172.17.0.0/16']")!;
        Assert.StartsWith("172.17.0.0/16 leaving docker0 → MASQUERADE", masq.QuerySelector("[data-summary]")!.TextContent);
        Assert.Empty(nat.QuerySelectorAll("[data-nat-unexpected]"));

        // The chip opens the expected rule next to the kernel's (not read here).
        Assert.Empty(port.QuerySelectorAll("[data-nat-rules]"));
        cut.Find("[data-nat-port='0.0.0.0:8081/tcp'] [data-nat-chip]").Click();
        var rules = cut.Find("[data-nat-port='0.0.0.0:8081/tcp'] [data-nat-rules]");
        Assert.Equal($"-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8081 -j DNAT --to-destination {ip}:8080", rules.QuerySelector("[data-expected]")!.TextContent);
        Assert.Equal("not read", rules.QuerySelector("[data-kernel]")!.TextContent);
    }

    [Fact]
    public async Task Host_and_none_containers_say_there_is_no_NAT()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(MapTestSupport.Seed());
        var monitor = ctx.Render<ContainerDetail>(p => p.Add(c => c.Id, "monitor"));

        monitor.WaitForAssertion(() => Assert.NotNull(monitor.Find("[data-nat-path]")), NetDashboardTestContext.LiveTimeout);
        Assert.StartsWith("monitor uses the host's network stack: no NAT", monitor.Find("[data-nat-note]").TextContent);
        Assert.NotNull(monitor.Find("[data-nat-no-ports]"));
        Assert.NotNull(monitor.Find("[data-nat-no-masquerade]"));
    }

    [Fact]
    public async Task Compared_with_the_kernel_each_rule_gets_its_chip_and_unexpected_rules_are_flagged()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(MapTestSupport.Seed());
        var snapshot = ctx.Store.Current;
        var web = snapshot.Container("web");
        var ip = web.Endpoints.Single().Ipv4;
        // The kernel DNATs 8081 somewhere else, has the MASQUERADE, and one more rule to web nobody asked Docker for.
        var kernel = IptablesNat.Parse($"""
            *nat
            :DOCKER - [0:0]
            -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
            -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8081 -j DNAT --to-destination 172.17.0.99:8080
            -A DOCKER ! -i docker0 -p tcp -m tcp --dport 9999 -j DNAT --to-destination {ip}:22
            COMMIT
            """);
        var path = NatPathBuilder.Build(snapshot, web, kernel);

        var cut = ctx.Render<NatPathView>(p => p.Add(v => v.Path, path));

        Assert.Equal("checked against the kernel", cut.Find("[data-nat-source]").TextContent.Trim());
        Assert.StartsWith("Checked against the kernel's nat table (iptables-save -t nat): 2 differences", cut.Find("[data-nat-note]").TextContent);
        Assert.Contains("2 differences", cut.Find("[data-nat-differences]").TextContent);
        var port = cut.Find("[data-nat-port='0.0.0.0:8081/tcp']");
        Assert.Equal("differs", port.QuerySelector("[data-nat-chip]")!.TextContent.Trim());
        Assert.Equal("differs", port.QuerySelector("[data-nat-rule]")!.GetAttribute("data-nat-rule"));
        cut.Find("[data-nat-port='0.0.0.0:8081/tcp'] [data-nat-chip]").Click();
        Assert.Equal("-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8081 -j DNAT --to-destination 172.17.0.99:8080",
            cut.Find("[data-nat-port='0.0.0.0:8081/tcp'] [data-kernel]").TextContent);
        Assert.Equal("match", cut.Find("[data-nat-masq='172.17.0.0/16'] [data-nat-chip]").TextContent.Trim());
        var unexpected = cut.Find("[data-nat-unexpected]");
        Assert.Contains("mud-alert-text-warning", unexpected.ClassName);
        Assert.Contains($"--dport 9999 -j DNAT --to-destination {ip}:22", unexpected.TextContent);

        // Without any rule for the port: missing.
        var empty = IptablesNat.Parse("*nat\n:DOCKER - [0:0]\nCOMMIT\n");
        var missing = ctx.Render<NatPathView>(p => p.Add(v => v.Path, NatPathBuilder.Build(snapshot, web, empty)));
        Assert.Equal("missing", missing.Find("[data-nat-port='0.0.0.0:8081/tcp'] [data-nat-chip]").TextContent.Trim());
        Assert.Equal("missing", missing.Find("[data-nat-masq='172.17.0.0/16'] [data-nat-chip]").TextContent.Trim());
    }

    [Fact]
    public async Task Compared_with_nftables_rules_the_chip_shows_them_in_nfts_words()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(MapTestSupport.Seed());
        var snapshot = ctx.Store.Current;
        var web = snapshot.Container("web");
        var ip = web.Endpoints.Single().Ipv4;
        // Shaped as `nft -j list table ip docker-bridges` answers (see NetDashboard.Docker.Tests/Recordings/nftables).
        var kernel = NftablesNat.Parse("""
            {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}},
              {"table": {"family": "ip", "name": "docker-bridges", "handle": 1}},
              {"rule": {"family": "ip", "table": "docker-bridges", "chain": "nat-prerouting-and-output", "handle": 29, "comment": "DNAT", "expr": [
                {"match": {"op": "!=", "left": {"meta": {"key": "iifname"}}, "right": "docker0"}},
                {"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 8081}},
                {"counter": {"packets": 0, "bytes": 0}}, {"dnat": {"addr": "WEB_IP", "port": 8080}}]}},
              {"rule": {"family": "ip", "table": "docker-bridges", "chain": "nat-postrouting-out__docker0", "handle": 31, "comment": "MASQUERADE", "expr": [
                {"match": {"op": "!=", "left": {"meta": {"key": "oifname"}}, "right": "docker0"}},
                {"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}}, "right": {"prefix": {"addr": "172.17.0.0", "len": 16}}}},
                {"counter": {"packets": 0, "bytes": 0}}, {"masquerade": null}]}}]}
            """.Replace("WEB_IP", ip, StringComparison.Ordinal));
        var path = NatPathBuilder.Build(snapshot, web, kernel, tableOf: "the network namespace of dockerd (pid 812)");

        var cut = ctx.Render<NatPathView>(p => p.Add(v => v.Path, path));
        Assert.StartsWith("Checked against the nftables rules of the network namespace of dockerd (pid 812) (nft list table ip|ip6 docker-bridges): every rule is there",
            cut.Find("[data-nat-note]").TextContent);
        Assert.Equal("match", cut.Find("[data-nat-port='0.0.0.0:8081/tcp'] [data-nat-chip]").TextContent.Trim());
        cut.Find("[data-nat-port='0.0.0.0:8081/tcp'] [data-nat-chip]").Click();
        var rule = $"iifname != \"docker0\" tcp dport 8081 counter dnat to {ip}:8080 comment \"DNAT\"";
        Assert.Equal(rule, cut.Find("[data-nat-port='0.0.0.0:8081/tcp'] [data-expected]").TextContent);
        Assert.Equal(rule, cut.Find("[data-nat-port='0.0.0.0:8081/tcp'] [data-kernel]").TextContent);
        Assert.Equal("match", cut.Find("[data-nat-masq='172.17.0.0/16'] [data-nat-chip]").TextContent.Trim());
    }

    [Fact]
    public async Task The_map_side_panel_of_a_container_has_the_NAT_path()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        ctx.Publish(MapTestSupport.Seed());
        var cut = ctx.Render<NetworkMap>();
        var web = ctx.Store.Current.Container("web");

        cut.NodeWrapper(TopologyGraphBuilder.ContainerNodeId("demo", web.Id)).ClickOnDiagram();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-panel] [data-section='nat'] [data-nat-port='0.0.0.0:8081/tcp']")), NetDashboardTestContext.LiveTimeout);
        Assert.Contains("DNAT", cut.Find("[data-panel] [data-nat-port='0.0.0.0:8081/tcp'] [data-summary]").TextContent);
    }

    [Fact]
    public async Task The_network_page_shows_its_masquerade_rule_and_an_internal_network_has_no_egress()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(MapTestSupport.Seed());
        var appNet = ctx.Render<NetworkDetail>(p => p.Add(c => c.Id, "app-net"));
        var appId = ctx.Store.Current.Networks.Single(n => n.Name == "app-net").Id;

        var masq = appNet.Find("[data-section='network-nat'] [data-nat-masq='172.18.0.0/16']");
        Assert.Equal($"-A POSTROUTING -s 172.18.0.0/16 ! -o br-{appId[..12]} -j MASQUERADE", masq.QuerySelector("[data-rule]")!.TextContent);
        Assert.Empty(appNet.FindAll("[data-nat-internal]"));

        var backend = ctx.Render<NetworkDetail>(p => p.Add(c => c.Id, "backend"));
        Assert.Contains("Internal network (--internal): no egress", backend.Find("[data-section='network-nat'] [data-nat-internal]").TextContent);
        Assert.Empty(backend.FindAll("[data-section='network-nat'] [data-nat-masq]"));

        var host = ctx.Render<NetworkDetail>(p => p.Add(c => c.Id, "host"));
        Assert.Contains("host's own network stack: no NAT", host.Find("[data-section='network-nat'] [data-nat-none]").TextContent);
    }
}
