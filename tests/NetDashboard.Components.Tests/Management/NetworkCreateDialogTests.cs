using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NetDashboard.Access;
using NetDashboard.Components.Management;

namespace NetDashboard.Components.Tests.Management;

/// <summary>
/// The create dialog checks each field as it is typed, against the host's networks, shows the docker command, and sends
/// nothing to the daemon while a problem remains; the write buttons exist for operators only.
/// </summary>
public sealed class NetworkCreateDialogTests
{
    [Fact]
    public async Task Each_field_is_checked_as_it_is_typed_and_nothing_is_sent_while_a_problem_remains()
    {
        await using var ctx = Operator(out var daemon);
        ctx.Publish(TestTopology.Connected());
        var provider = ctx.Render<MudDialogProvider>();
        await provider.InvokeAsync(() => ctx.Services.GetRequiredService<IDialogService>().ShowAsync<NetworkCreateDialog>("Create a network"));

        Type(provider, "name", "payments net");
        provider.WaitForAssertion(() => Assert.Contains("is not a valid network name", provider.Find("[data-dialog=network-create]").TextContent));
        Type(provider, "name", "payments");
        Type(provider, "subnet", "172.18.5.0/24");
        provider.WaitForAssertion(() => Assert.Contains("overlaps 172.18.0.0/16 of the network 'appnet'", provider.Find("[data-dialog=network-create]").TextContent));
        Type(provider, "gateway", "10.0.0.1");
        provider.WaitForAssertion(() => Assert.Equal("2 problems to fix.", provider.Find("[data-problem-count]").TextContent));

        await provider.Find("[data-action=create]").ClickAsync(new());
        provider.WaitForAssertion(() => Assert.Contains("nothing was sent to the daemon", provider.Find("[data-refusal]").TextContent));
        Assert.Empty(daemon.Calls);

        Type(provider, "subnet", "10.0.0.0/24");
        Type(provider, "labels", "team=payments\nnot a pair");
        provider.WaitForAssertion(() => Assert.Contains("Line 2 is not a label", provider.Find("[data-dialog=network-create]").TextContent));
        Type(provider, "labels", "team=payments");
        provider.WaitForAssertion(() => Assert.Equal("No problem found so far.", provider.Find("[data-problem-count]").TextContent));
        Assert.Equal("docker network create --subnet 10.0.0.0/24 --gateway 10.0.0.1 --label team=payments payments",
            provider.Find("[data-command] code").TextContent);
    }

    [Fact]
    public async Task A_name_in_use_is_named_before_the_daemon_is_asked()
    {
        await using var ctx = Operator(out var daemon);
        ctx.Publish(TestTopology.Connected());
        var provider = ctx.Render<MudDialogProvider>();
        await provider.InvokeAsync(() => ctx.Services.GetRequiredService<IDialogService>().ShowAsync<NetworkCreateDialog>("Create a network"));

        Type(provider, "name", "appnet");
        provider.WaitForAssertion(() => Assert.Contains("A network named 'appnet' already exists", provider.Find("[data-dialog=network-create]").TextContent));
        await provider.Find("[data-action=create]").ClickAsync(new());
        Assert.Empty(daemon.Calls);
    }

    [Theory]
    [InlineData(false, "operator", false)]
    [InlineData(true, "viewer", false)]
    [InlineData(true, null, false)]
    [InlineData(true, "operator", true)]
    public async Task The_create_button_is_there_only_with_writes_on_for_an_operator(bool writes, string? role, bool shown)
    {
        await using var ctx = new NetDashboardTestContext(writes: writes);
        if (role is not null)
        {
            ctx.Authorization.SetAuthorized("someone");
            ctx.Authorization.SetRoles(role);
        }
        ctx.Publish(TestTopology.Connected());
        var cut = ctx.Render<WriteAccess>(p => p.AddChildContent<CreateNetworkButton>());
        Assert.Equal(shown ? 1 : 0, cut.FindAll("[data-action=create-network]").Count);
    }

    private static NetDashboardTestContext Operator(out RecordingNetworkManager daemon)
    {
        var ctx = new NetDashboardTestContext();
        daemon = ctx.Daemon;
        ctx.Authorization.SetAuthorized("olga");
        ctx.Authorization.SetRoles(AccessRoles.Operator);
        return ctx;
    }

    private static void Type(Bunit.IRenderedComponent<MudDialogProvider> provider, string field, string text) =>
        provider.Find($"[data-input={field}]").Input(text);
}
