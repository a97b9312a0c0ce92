using NetDashboard.Components.Map;
using NetDashboard.Core.Building;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;
using NetDashboard.History.Reconciling;
using NetDashboard.History.Storage;
using NetDashboard.History.Timeline;

namespace NetDashboard.Components.Tests.Map;

/// <summary>
/// The map's time travel on a real history store: two stored revisions of an earlier run (the demo without "web",
/// then with "web" and "extra"), the live store on the demo seed. The deep link pins the past, live changes don't
/// move it, the timeline steps through the revisions, "Live" returns, and "since" marks what was added or removed.
/// </summary>
public sealed class MapTimeTravelTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 14, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nd-timetravel-bunit-" + Guid.NewGuid().ToString("N"));
    private TopologySnapshot _first = null!;
    private TopologySnapshot _second = null!;

    private NetDashboardTestContext Context()
    {
        var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        var seed = MapTestSupport.Seed();
        _first = TopologyBuilder.Build([seed.Without("web")], 1, T0);
        _second = TopologyBuilder.Build([seed.WithExtraContainer("api", "extra")], 2, T0.AddSeconds(10));
        var store = new HistoryStore(HistoryDatabase.Open(Path.Combine(_folder, "history.db")));
        var recorder = new TopologyRecorder("earlier-run");
        store.Write(
        [
            new SeeRun(recorder.Run, T0, T0.AddSeconds(20)),
            recorder.Record(_first, null)!,
            recorder.Record(_second, TopologyDiff.Compute(_first, _second))!,
        ]);
        ctx.History.SetAvailable(store, retentionDays: 30);
        ctx.History.SetRecorded("this-run", long.MaxValue); // nothing of the live run waits to be stored
        ctx.Publish(seed);
        return ctx;
    }

    private static List<string> Drawn(IRenderedComponent<NetworkMap> cut) =>
        cut.FindAll(".nd-container").Select(e => e.GetAttribute("data-container-name")!).Order().ToList();

    private static string Root(IRenderedComponent<NetworkMap> cut, string attribute) => cut.Find("[data-map]").GetAttribute(attribute)!;

    [Fact]
    public async Task A_deep_link_pins_the_past_with_a_banner_live_changes_do_not_move_it_and_live_returns()
    {
        await using var ctx = Context();
        var cut = ctx.Render<NetworkMap>(p => p.Add(m => m.At, "2026-11-28T14:00:05Z"));

        cut.WaitForAssertion(() => Assert.Equal("false", Root(cut, "data-live")));
        Assert.Equal("1", Root(cut, "data-revision"));
        Assert.Equal(_first.Containers.Select(c => c.Name).Order().ToList(), Drawn(cut));
        Assert.DoesNotContain("web", Drawn(cut));
        Assert.Contains("The past: the network as it was at 2026-11-28 14:00:05 UTC (revision 1)", cut.Find("[data-past-banner]").TextContent);

        ctx.Publish(MapTestSupport.Seed().WithExtraContainer("web", "late"));
        var live = await ctx.Store.WaitForAsync(s => s.Containers.Any(c => c.Name == "late"), NetDashboardTestContext.LiveTimeout);
        // The map received the live change (and re-rendered), yet still draws the past.
        cut.WaitForAssertion(() => Assert.Equal(live.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), Root(cut, "data-live-revision")), NetDashboardTestContext.LiveTimeout);
        Assert.DoesNotContain("late", Drawn(cut));
        Assert.Equal("1", Root(cut, "data-revision"));

        cut.Find("[data-past-live]").Click();
        cut.WaitForAssertion(() => Assert.Equal("true", Root(cut, "data-live")));
        Assert.Contains("late", Drawn(cut));
        Assert.Empty(cut.FindAll("[data-past-banner]"));
    }

    [Fact]
    public async Task The_timeline_steps_through_the_stored_revisions_and_back_to_live()
    {
        await using var ctx = Context();
        var cut = ctx.Render<NetworkMap>();
        var timeline = () => cut.Find("[data-timeline]");
        cut.WaitForAssertion(() => Assert.Equal("2", timeline().GetAttribute("data-tick-count")));
        var slider = cut.Find("input[type=range][data-timeline-slider]");
        Assert.Equal(("Time on the map", "Live"), (slider.GetAttribute("aria-label"), slider.GetAttribute("aria-valuetext")));
        Assert.Equal("live", timeline().GetAttribute("data-at"));

        cut.Find("[data-timeline-previous]").Click();
        cut.WaitForAssertion(() => Assert.Equal("2", Root(cut, "data-revision")));
        Assert.Contains("extra", Drawn(cut));
        Assert.Equal("false", Root(cut, "data-live"));

        cut.Find("[data-timeline-previous]").Click();
        cut.WaitForAssertion(() => Assert.Equal("1", Root(cut, "data-revision")));
        Assert.DoesNotContain("web", Drawn(cut));
        Assert.True(cut.Find("[data-timeline-previous]").HasAttribute("disabled"));

        cut.Find("[data-timeline-next]").Click();
        cut.WaitForAssertion(() => Assert.Equal("2", Root(cut, "data-revision")));
        cut.Find("[data-timeline-next]").Click();
        cut.WaitForAssertion(() => Assert.Equal("true", Root(cut, "data-live")));
        Assert.Equal(ctx.Store.Current.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), Root(cut, "data-revision"));
        Assert.Equal("live", timeline().GetAttribute("data-at"));
    }

    [Fact]
    public async Task Changes_since_an_earlier_time_mark_added_and_removed_nodes()
    {
        await using var ctx = Context();
        var cut = ctx.Render<NetworkMap>(p => p
            .Add(m => m.At, "2026-11-28T14:00:05Z")
            .Add(m => m.Since, "2026-11-28T14:00:12Z"));

        // Shown: the first revision (no web, no extra); since the second: web and extra are gone.
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-timeline-changes]").GetAttribute("data-removed")));
        Assert.Equal("0", cut.Find("[data-timeline-changes]").GetAttribute("data-added"));
        var removed = cut.FindAll(".nd-container.nd-change-removed").Select(e => e.GetAttribute("data-container-name")).Order().ToList();
        Assert.Equal(["extra", "web"], removed);
        var web = _second.Containers.Single(c => c.Name == "web");
        Assert.Equal("removed", cut.Find($".nd-container[data-node-id='{TopologyGraphBuilder.ContainerNodeId(web.HostId, web.Id)}'] [data-change-mark]").GetAttribute("data-change-mark"));

        // Forward to the second revision: compared with itself, nothing is marked.
        cut.Find("[data-timeline-next]").Click();
        cut.WaitForAssertion(() => Assert.Equal("2", Root(cut, "data-revision")));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".nd-change-removed.nd-container")));

        cut.Find("[data-timeline-since-clear]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-timeline-since]")));
    }

    [Fact]
    public async Task A_time_the_history_does_not_cover_says_so_and_the_map_stays_live()
    {
        await using var ctx = Context();
        var cut = ctx.Render<NetworkMap>(p => p.Add(m => m.At, "2001-01-01T00:00Z"));
        cut.WaitForAssertion(() => Assert.Contains("before the history starts", cut.Find("[data-time-problem]").TextContent));
        Assert.Contains("The history covers 2026-11-28 14:00:00 UTC until now.", cut.Find("[data-time-problem]").TextContent);
        Assert.Equal("true", Root(cut, "data-live"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
