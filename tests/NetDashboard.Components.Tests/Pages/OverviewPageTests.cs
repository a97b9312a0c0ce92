using NetDashboard.Components.Pages;

namespace NetDashboard.Components.Tests.Pages;

public sealed class OverviewPageTests
{
    [Fact]
    public async Task Each_host_gets_a_card_with_its_versions_and_linked_counts()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(TestTopology.Connected());

        var cut = ctx.Render<Overview>();

        var card = cut.Find($"[data-host-card='{TestTopology.HostId}']");
        var text = card.Text();
        Assert.Contains(TestTopology.HostName, text);
        Assert.Contains(TestTopology.Endpoint, text);
        Assert.Contains("connected", text);
        Assert.Contains("29.1.0", text);
        Assert.Contains("1.52", text);
        Assert.Equal("4 networks", card.QuerySelector("[data-count='networks']")!.Text());
        Assert.Equal("/networks?host=local", card.QuerySelector("[data-count='networks']")!.GetAttribute("href"));
        Assert.Equal("6 containers", card.QuerySelector("[data-count='containers']")!.Text());
        Assert.Equal("5 running", card.QuerySelector("[data-count='running']")!.Text());
        Assert.Equal("/containers?host=local&state=running", card.QuerySelector("[data-count='running']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_disconnected_host_shows_its_status_live()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(TestTopology.Connected());
        var cut = ctx.Render<Overview>();

        ctx.Publish(TestTopology.Disconnected("gone"));

        cut.WaitForAssertion(() =>
        {
            var card = cut.Find($"[data-host-card='{TestTopology.HostId}']");
            Assert.Equal("disconnected", card.QuerySelector("[data-status]")!.Text());
            // Its last containers stay, marked stale (contract: "A host that is not answering").
            Assert.Equal($"{ctx.Store.Current.Containers.Length} containers", card.QuerySelector("[data-count='containers']")!.Text());
            Assert.True(ctx.Store.Current.Hosts.Single().Stale);
        }, NetDashboardTestContext.LiveTimeout);
    }
}
