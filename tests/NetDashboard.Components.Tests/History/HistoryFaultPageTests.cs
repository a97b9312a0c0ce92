using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Components.Pages;
using NetDashboard.History.Model;
using NetDashboard.History.Reconciling;
using static NetDashboard.Components.Tests.History.HistoryFixture;

namespace NetDashboard.Components.Tests.History;

/// <summary>The timeline page while the database is in trouble: the sentence, live; the notice; an outage's gap event.</summary>
public sealed class HistoryFaultPageTests
{
    [Fact]
    public async Task The_page_shows_why_writing_waits_live_and_clears_it_when_writing_resumes()
    {
        await using var ctx = new NetDashboardTestContext();
        using var history = new HistoryFixture(ctx);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/history");
        var cut = ctx.Render<HistoryPage>();
        Assert.Empty(cut.FindAll("[data-history-problem]"));

        const string problem = "The history database '/data/history.db' is locked by another program; 12 changes are waiting and will be written when it is free.";
        history.Access.SetWriting(problem, 12);
        cut.WaitForAssertion(() => Assert.Equal(problem, cut.Find("[data-history-problem]").TextContent.Trim()), NetDashboardTestContext.LiveTimeout);

        history.Access.SetWriting(null, 0);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-history-problem]")), NetDashboardTestContext.LiveTimeout);
    }

    [Fact]
    public async Task A_set_aside_notice_and_an_outages_gap_event_are_shown()
    {
        await using var ctx = new NetDashboardTestContext();
        using var history = new HistoryFixture(ctx);
        history.Access.SetNotice("The history database '/data/history.db' was damaged (it is not a SQLite database); it was moved aside to '/data/history.db.damaged-20261207T180005Z' and a new one was started.");
        history.Store.Write([new RecordEvent(new HistoryEvent
        {
            Time = T0.AddMinutes(5), HostId = TestTopology.HostId, Kind = HistoryEventKinds.HostNotAnswering, Source = HistorySources.Live,
            Detail = "local did not answer from 2026-11-28 14:05:00 UTC to 2026-11-28 14:05:29 UTC (29 s); its addresses stayed recorded, and what changed meanwhile was observed at the resync.",
        })]);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/history");

        var cut = ctx.Render<HistoryPage>();

        Assert.Contains("was moved aside to '/data/history.db.damaged-20261207T180005Z'", cut.Find("[data-history-notice]").TextContent);
        var gap = cut.Find($"[data-section='recent'] tr[data-event='{HistoryEventKinds.HostNotAnswering}']");
        Assert.Contains("local did not answer from 2026-11-28 14:05:00 UTC to 2026-11-28 14:05:29 UTC (29 s)", gap.TextContent);
    }
}
