using Microsoft.AspNetCore.Components;
using NetDashboard.Components.Controls;
using NetDashboard.Components.Layout;
using NetDashboard.Components.Live;
using NetDashboard.Components.Pages;

namespace NetDashboard.Components.Tests.Live;

public sealed class SubscriptionTests
{
    public static TheoryData<Type> LiveComponents =>
    [
        typeof(Home), typeof(Networks), typeof(Containers), typeof(NetworkDetail), typeof(ContainerDetail),
        typeof(HostBanner), typeof(MainLayout),
    ];

    [Theory]
    [MemberData(nameof(LiveComponents))]
    public async Task The_subscription_ends_when_the_component_is_disposed(Type component)
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(TestTopology.Connected());
        var before = ctx.Store.SubscriberCount;

        ctx.Render(builder =>
        {
            builder.OpenComponent(0, component);
            if (component.GetProperty("Id") is not null)
            {
                builder.AddComponentParameter(1, "Id", "web");
            }
            builder.CloseComponent();
        });
        Assert.Equal(before + 1, ctx.Store.SubscriberCount);

        await ctx.DisposeComponentsAsync();

        Assert.Equal(before, ctx.Store.SubscriberCount);
        ctx.Publish(TestTopology.Disconnected("after dispose")); // no subscriber left to fail
    }

    [Fact]
    public async Task A_burst_of_changes_is_rendered_a_few_times_not_once_per_change()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(TestTopology.Connected());
        var cut = ctx.Render<CountingComponent>();
        Assert.Equal(1, cut.Instance.Updates);

        var started = DateTime.UtcNow;
        for (var i = 0; i < 40; i++)
        {
            ctx.Publish(i % 2 == 0 ? TestTopology.Connected(withoutContainers: [TestTopology.ApiId]) : TestTopology.Connected());
        }
        ctx.Publish(TestTopology.Connected(withoutContainers: [TestTopology.ApiId]));
        var burst = DateTime.UtcNow - started;

        cut.WaitForAssertion(() => Assert.Equal("5", cut.Markup.Trim()), NetDashboardTestContext.LiveTimeout);
        await Task.Delay(3 * TopologyComponentBase.MinRenderInterval);
        // One render per elapsed interval at most (plus the first), never one per change.
        var allowed = 2 + (int)(burst / TopologyComponentBase.MinRenderInterval);
        Assert.InRange(cut.Instance.Updates - 1, 1, allowed);
        Assert.Equal("5", cut.Markup.Trim());
    }

    /// <summary>A live component that counts how often it took a new snapshot and renders the container count.</summary>
    private sealed class CountingComponent : TopologyComponentBase
    {
        public int Updates { get; private set; }

        protected override void OnSnapshotChanged() => Updates++;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder) =>
            builder.AddContent(0, Snapshot.Containers.Length);
    }
}
