using NetDashboard.Access;
using NetDashboard.Components.Layout;
using NetDashboard.Components.Pages;
using NetDashboard.History.Audit;

namespace NetDashboard.Components.Tests.Access;

/// <summary>The audit page lists write attempts newest first; the menu shows it to operators only.</summary>
public sealed class AuditPageTests
{
    [Fact]
    public async Task The_audit_page_lists_attempts_newest_first_with_who_what_and_how_it_ended()
    {
        await using var ctx = new NetDashboardTestContext();
        var audit = ctx.Audit;
        var t0 = new DateTimeOffset(2026, 12, 7, 14, 0, 0, TimeSpan.Zero);
        audit.Record(new AuditEntry { Time = t0, User = "olga", Role = "operator", Action = "network-create", Host = "local", Target = "aa_network", Outcome = "succeeded", Status = 201 });
        audit.Record(new AuditEntry { Time = t0.AddMinutes(1), User = "olga", Role = "operator", Action = "network-remove", Host = "local", Target = "bridge", Outcome = "refused", Status = 400,
            Detail = "'bridge' is one of Docker's own networks: it cannot be removed." });

        var cut = ctx.Render<AuditPage>();

        var rows = cut.FindAll("[data-table=audit] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Equal("network-remove", rows[0].QuerySelector("[data-cell=action]")!.TextContent);
        Assert.Equal("refused", rows[0].QuerySelector("[data-cell=outcome]")!.TextContent);
        Assert.Contains("cannot be removed", rows[0].TextContent);
        Assert.Equal("network-create", rows[1].QuerySelector("[data-cell=action]")!.TextContent);
    }

    [Fact]
    public async Task The_menu_shows_the_audit_page_to_operators_only()
    {
        await using var anonymous = new NetDashboardTestContext();
        Assert.Empty(anonymous.Render<NavMenu>().FindAll("[data-nav-audit]"));

        await using var viewer = new NetDashboardTestContext();
        viewer.Authorization.SetAuthorized("victor");
        Assert.Empty(viewer.Render<NavMenu>().FindAll("[data-nav-audit]"));

        await using var op = new NetDashboardTestContext();
        op.Authorization.SetAuthorized("olga");
        op.Authorization.SetPolicies(AccessRoles.OperatePolicy);
        Assert.Single(op.Render<NavMenu>().FindAll("[data-nav-audit]"));
    }
}
