using NetDashboard.Components.Controls;
using NetDashboard.Replicas;

namespace NetDashboard.Components.Tests.Faults;

/// <summary>Among replicas, the banner says while Redis is away that this replica watches on its own, and goes when it answers.</summary>
public sealed class ReplicaBannerTests
{
    [Fact]
    public async Task The_banner_shows_the_replicas_problem_live_and_goes_when_it_is_over()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = ctx.Render<ReplicaBanner>();
        Assert.Empty(cut.FindAll("[data-replica-banner]"));

        const string sentence = "Redis at 127.0.0.1:6390 cannot be reached, so this replica watches the daemons on its own and may differ from the others until Redis answers again.";
        ctx.Replicas.Set(ReplicaRole.Alone, "r1", sentence);
        cut.WaitForAssertion(() =>
        {
            var banner = cut.Find("[data-replica-banner]");
            Assert.Equal(sentence, banner.TextContent.Trim());
            Assert.Equal("status", banner.GetAttribute("role"));
        }, NetDashboardTestContext.LiveTimeout);

        ctx.Replicas.Set(ReplicaRole.Leader, "r1", null);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-replica-banner]")), NetDashboardTestContext.LiveTimeout);
    }
}
