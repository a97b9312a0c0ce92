using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Time.Testing;
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
        typeof(HostBanner), typeof(MainLayout), typeof(LiveAnnouncer),
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
        Assert.True(ctx.Store.SubscriberCount > before, "the component subscribed"); // the layout: its banner and its live region

        await ctx.DisposeComponentsAsync();

        Assert.Equal(before, ctx.Store.SubscriberCount);
        ctx.Publish(TestTopology.Disconnected("after dispose")); // no subscriber left to fail
    }

    [Fact]
    public async Task A_burst_of_changes_is_rendered_a_few_times_not_once_per_change()
    {
        var time = new FakeTimeProvider();
        await using var ctx = new NetDashboardTestContext(time);
        ctx.Publish(TestTopology.Connected());
        var cut = ctx.Render<CountingComponent>();
        Assert.Equal(1, cut.Instance.Updates);

        for (var i = 0; i < 40; i++)
        {
            ctx.Publish(i % 2 == 0 ? TestTopology.Connected(withoutContainers: [TestTopology.ApiId]) : TestTopology.Connected());
        }
        ctx.Publish(TestTopology.Connected(withoutContainers: [TestTopology.ApiId]));

        // The first change renders at once; whatever follows waits for the (fake) clock to pass the interval.
        cut.WaitForAssertion(() => Assert.True(cut.Instance.Updates >= 2), NetDashboardTestContext.LiveTimeout);
        var intervals = 0;
        while (cut.Markup.Trim() != "5" && intervals < 20)
        {
            time.Advance(TopologyComponentBase.MinRenderInterval);
            intervals++;
            try
            {
                cut.WaitForAssertion(() => Assert.Equal("5", cut.Markup.Trim()), TimeSpan.FromSeconds(1));
            }
            catch (Bunit.Extensions.WaitForHelpers.WaitForFailedException)
            {
                // Not delivered yet: the next interval.
            }
        }
        Assert.Equal("5", cut.Markup.Trim());
        // One render per elapsed interval at most (plus the first), never one per change.
        Assert.InRange(cut.Instance.Updates - 1, 1, 1 + intervals);
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
