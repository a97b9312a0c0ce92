using Microsoft.Extensions.Time.Testing;
using NetDashboard.Components.Live;

namespace NetDashboard.Components.Tests.Live;

/// <summary>The live region: one polite sentence per interval, summing up every change since the last one.</summary>
public sealed class LiveAnnouncerTests
{
    [Fact]
    public async Task Changes_are_announced_politely_at_most_once_per_interval_and_summed_up()
    {
        var time = new FakeTimeProvider();
        await using var ctx = new NetDashboardTestContext(time);
        ctx.Publish(TestTopology.Connected());
        var cut = ctx.Render<LiveAnnouncer>();
        var region = cut.Find("[data-live-announcer]");
        Assert.Equal("status", region.GetAttribute("role"));
        Assert.Equal("polite", region.GetAttribute("aria-live"));
        Assert.Equal("", region.TextContent.Trim()); // the page's load is not announced

        ctx.Publish(TestTopology.Connected(withoutContainers: [TestTopology.ApiId]));
        cut.WaitForAssertion(() => Assert.Equal("1 container was removed: api.", cut.Find("[data-live-announcer]").TextContent.Trim()), NetDashboardTestContext.LiveTimeout);

        // Within the interval: nothing more is said, however much changes.
        ctx.Publish(TestTopology.Connected(withoutContainers: [TestTopology.ApiId, TestTopology.WebId]));
        ctx.Publish(TestTopology.Connected(withoutContainers: [TestTopology.WebId]));
        time.Advance(LiveAnnouncer.AnnounceInterval / 2);
        Assert.Equal("1 container was removed: api.", cut.Find("[data-live-announcer]").TextContent.Trim());

        // After it: one sentence for all of it, against what was last announced. The changes reach the component through
        // the store's queue: the clock moves on only once both have arrived.
        const string expected = "1 container appeared: api; 1 container was removed: web.";
        await Eventually.WaitUntilAsync(() => cut.Instance.ReceivedRevision == ctx.Store.Current.Revision, "both changes received");
        // Both are in: moving the clock on (until the throttle's timer fires, however late it was set) cannot split them.
        await Eventually.WaitUntilAsync(() =>
        {
            time.Advance(LiveAnnouncer.AnnounceInterval / 2);
            return cut.Find("[data-live-announcer]").TextContent.Trim() == expected;
        }, "the summed-up announcement", NetDashboardTestContext.LiveTimeout);
        Assert.Equal(expected, cut.Find("[data-live-announcer]").TextContent.Trim());
    }
}
