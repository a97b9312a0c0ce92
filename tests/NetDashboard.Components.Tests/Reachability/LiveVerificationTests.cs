using NetDashboard.Components.Tests.Insight;
using NetDashboard.Components.Tests.Map;

namespace NetDashboard.Components.Tests.Reachability;

/// <summary>"Verify live" on the reachability page: progress, prediction and observation side by side, a disagreement flagged.</summary>
public sealed class LiveVerificationTests
{
    [Fact]
    public async Task An_agreeing_check_shows_each_command_with_predicted_and_observed_side_by_side()
    {
        await using var ctx = new NetDashboardTestContext();
        var exec = ctx.EnableLiveVerification();
        ctx.Publish(ReachabilityTestData.Seed());
        var db = ReachabilityTestData.Seed().Containers.Single(c => c.Names.Contains("/db"));
        var dbOnApp = db.Endpoints.Single(e => e.NetworkName == "app-net").IpAddress!;
        exec.Answer("ping", FakeContainerExec.Ok($"PING {dbOnApp}: 56 data bytes\n64 bytes from {dbOnApp}: seq=0 ttl=64 time=0.1 ms\n1 packets transmitted, 1 packets received"))
            .Answer("nslookup", FakeContainerExec.Ok(FakeContainerExec.Resolved("db", dbOnApp)));
        exec.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cut = ctx.RenderPage("?from=api&to=db");

        Assert.Equal("Verify live", cut.Find("[data-verify]").TextContent.Trim());
        cut.Find("[data-verify]").Click();

        // While the commands run: a progress bar and a disabled button.
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-verifying]")));
        Assert.True(cut.Find("[data-verify]").HasAttribute("disabled"));
        exec.Gate.SetResult();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-observed]")), NetDashboardTestContext.LiveTimeout);
        Assert.Empty(cut.FindAll("[data-verifying]"));
        Assert.NotNull(cut.Find("[data-agreement]"));
        Assert.Empty(cut.FindAll("[data-disagreement]"));
        var ping = cut.Find("[data-probe='ping']");
        Assert.Equal($"ping -c1 -W1 {dbOnApp}", ping.QuerySelector("[data-command]")!.TextContent);
        Assert.Equal(("reachable", "answered"), (ping.QuerySelector("[data-predicted]")!.TextContent, ping.QuerySelector("[data-result]")!.TextContent));
        Assert.Contains("1 packets received", ping.QuerySelector("[data-detail]")!.TextContent);
        var lookup = cut.Find("[data-probe='lookup']");
        Assert.Equal("nslookup db 127.0.0.11", lookup.QuerySelector("[data-command]")!.TextContent);
        Assert.Equal(("resolves", $"resolved to {dbOnApp}"), (lookup.QuerySelector("[data-predicted]")!.TextContent, lookup.QuerySelector("[data-result]")!.TextContent));
        Assert.Equal("Verify again", cut.Find("[data-verify]").TextContent.Trim());

        // Both ran inside the source container, api.
        var apiId = ctx.Store.Current.Container("api").Id;
        Assert.All(exec.Calls, call => Assert.Equal(apiId, call.ContainerId));
        Assert.Equal(2, exec.Calls.Count);
    }

    [Fact]
    public async Task A_disagreement_is_flagged_as_a_warning_and_on_its_row()
    {
        await using var ctx = new NetDashboardTestContext();
        var exec = ctx.EnableLiveVerification();
        ctx.Publish(ReachabilityTestData.Seed());
        // Predicted reachable by IP, but the ping gets no answer (a firewall the model does not show).
        exec.Answer("ping", FakeContainerExec.Failed(1, "1 packets transmitted, 0 packets received, 100% packet loss"))
            .Answer("nslookup", FakeContainerExec.Ok(FakeContainerExec.Resolved("db", "172.18.0.3")));
        var cut = ctx.RenderPage("?from=api&to=db");

        cut.Find("[data-verify]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-disagreement]")), NetDashboardTestContext.LiveTimeout);
        var alert = cut.Find("[data-disagreement]");
        Assert.Contains("mud-alert-text-warning", alert.ClassName);
        Assert.Contains("The live check disagrees with the prediction: the ping got no answer although the prediction says reachable by IP", alert.TextContent);
        var ping = cut.Find("[data-probe='ping']");
        Assert.Equal("true", ping.GetAttribute("data-disagrees"));
        Assert.Equal(("reachable", "no answer"), (ping.QuerySelector("[data-predicted]")!.TextContent, ping.QuerySelector("[data-result]")!.TextContent));
        Assert.Contains("Disagrees:", ping.TextContent);
        Assert.Equal("false", cut.Find("[data-probe='lookup']").GetAttribute("data-disagrees"));
        Assert.Empty(cut.FindAll("[data-agreement]"));
    }

    [Fact]
    public async Task A_check_that_cannot_run_says_why_and_a_new_pair_starts_without_the_old_result()
    {
        await using var ctx = new NetDashboardTestContext();
        var exec = ctx.EnableLiveVerification();
        ctx.Publish(ReachabilityTestData.Seed());
        exec.Answer("ping", new NetDashboard.Core.Analysis.ExecResult { Started = false, Error = "the image has no ping" });
        var cut = ctx.RenderPage("?from=web&to=web2");

        cut.Find("[data-verify]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-observed]")), NetDashboardTestContext.LiveTimeout);
        var ping = cut.Find("[data-probe='ping']");
        Assert.Equal("not run", ping.QuerySelector("[data-result]")!.TextContent);
        Assert.Equal("not run: the image has no ping", ping.QuerySelector("[data-detail]")!.TextContent);
        // web → web2 is on the default bridge: no embedded DNS there, so the lookup is expected to fail.
        Assert.Equal("does not resolve", cut.Find("[data-probe='lookup'] [data-predicted]").TextContent);

        cut.Cell("web", "batch").Click();
        Assert.Empty(cut.FindAll("[data-observed]"));
        Assert.Equal("Verify live", cut.Find("[data-verify]").TextContent.Trim());
    }
}
