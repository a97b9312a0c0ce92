using NetDashboard.Components.Controls;
using NetDashboard.Components.Map;
using NetDashboard.Components.Tests.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Tests.Faults;

/// <summary>
/// A host that stops answering keeps its last topology on the map, marked stale (host node and regions), with a banner
/// sentence saying since when; its first answer after that replaces it and the marks go.
/// </summary>
public sealed class StaleHostTests
{
    private const string Reason = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock: connection refused. Is dockerd running?";

    [Fact]
    public async Task The_map_keeps_a_silent_hosts_topology_marked_stale_until_it_answers_again()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        var seed = MapTestSupport.Seed();
        ctx.Publish(seed);
        var cut = ctx.Render<NetworkMap>();
        var containers = cut.FindAll(".nd-container").Count;
        Assert.Equal(7, containers);
        Assert.Empty(cut.FindAll("[data-stale]"));

        ctx.Publish(seed with { Host = seed.Host with { Connected = false, Error = Reason }, Networks = [], Containers = [] });

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(containers, cut.FindAll(".nd-container").Count); // still drawn
            var host = cut.Find(".nd-host");
            Assert.Contains("nd-stale", host.ClassList);
            Assert.Equal("stale", host.QuerySelector("[data-stale]")!.TextContent.Trim());
            var regions = cut.FindAll("g.nd-region");
            Assert.NotEmpty(regions);
            Assert.All(regions, r => Assert.Contains("nd-stale", r.ClassList));
            Assert.NotEmpty(cut.FindAll("g.nd-region [data-stale]"));
        }, NetDashboardTestContext.LiveTimeout);

        ctx.Publish(seed);

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-stale]"));
            Assert.DoesNotContain("nd-stale", cut.Find(".nd-host").ClassList);
            Assert.Equal(containers, cut.FindAll(".nd-container").Count);
        }, NetDashboardTestContext.LiveTimeout);
    }

    [Fact]
    public async Task The_banner_says_the_host_is_not_answering_and_since_when()
    {
        await using var ctx = new NetDashboardTestContext();
        var seed = MapTestSupport.Seed();
        var before = DateTimeOffset.UtcNow;
        ctx.Publish(seed);
        var cut = ctx.Render<HostBanner>();

        ctx.Publish(seed with { Host = seed.Host with { Connected = false, Error = Reason }, Networks = [], Containers = [] });

        cut.WaitForAssertion(() =>
        {
            var host = ctx.Store.Current.Hosts.Single();
            Assert.True(host.Stale);
            Assert.InRange(host.LastSeenAt!.Value, before, DateTimeOffset.UtcNow);
            var note = cut.Find($"[data-stale-note='{host.Id}']").TextContent;
            var at = host.LastSeenAt.Value.UtcDateTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"Host {host.Name} is not answering ({Reason}); showing what it looked like at {at} UTC.", note);
        }, NetDashboardTestContext.LiveTimeout);
        Assert.NotEmpty(ctx.Store.Current.Containers);

        ctx.Publish(seed);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-stale-note]")), NetDashboardTestContext.LiveTimeout);
        Assert.False(ctx.Store.Current.Hosts.Single().Stale);
        Assert.Null(ctx.Store.Current.Hosts.Single().LastSeenAt);
    }

    [Fact]
    public async Task A_host_never_reached_has_nothing_and_is_not_stale()
    {
        await using var ctx = new NetDashboardTestContext();
        var seed = MapTestSupport.Seed();
        var cut = ctx.Render<HostBanner>();

        ctx.Publish(seed with { Host = seed.Host with { Connected = false, Error = Reason }, Networks = [], Containers = [] });

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-host-banner]")), NetDashboardTestContext.LiveTimeout);
        Assert.Empty(cut.FindAll("[data-stale-note]"));
        var host = ctx.Store.Current.Hosts.Single();
        Assert.Equal((HostStatus.Disconnected, false, null), (host.Status, host.Stale, host.LastSeenAt));
        Assert.Empty(ctx.Store.Current.Containers);
        Assert.Empty(ctx.Store.Current.Networks);
    }
}
