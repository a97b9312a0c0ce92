using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Components.Pages;
using NetDashboard.Components.Tests.Map;
using NetDashboard.Core.Observation;

namespace NetDashboard.Components.Tests.Reachability;

/// <summary>The seed's topology plus a second container on the default bridge, and the page rendered on it.</summary>
public static class ReachabilityTestData
{
    public const string Web2Id = "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2";

    /// <summary>The seed (web on the default bridge, db/api/worker on app-net, db also on the internal backend, monitor on the
    /// host stack, batch with none, web-sidecar in web's stack) with web2 beside web on the default bridge.</summary>
    public static DaemonObservation Seed()
    {
        var seed = MapTestSupport.Seed();
        var web = seed.Containers.Single(c => c.Names.Contains("/web"));
        var web2 = web with
        {
            Id = Web2Id,
            Names = ["/web2"],
            Ports = [],
            Endpoints = [.. web.Endpoints.Select(e => e with { IpAddress = "172.17.0.9", EndpointId = "ep-web2", MacAddress = "02:42:ac:11:00:09" })],
            Inspect = null,
            Interfaces = null,
        };
        return seed with { Containers = seed.Containers.Add(web2) };
    }

    public static IRenderedComponent<ReachabilityPage> RenderPage(this NetDashboardTestContext ctx, string query = "")
    {
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/reachability" + query);
        return ctx.Render<ReachabilityPage>();
    }

    public static AngleSharp.Dom.IElement Cell(this IRenderedComponent<ReachabilityPage> cut, string from, string to) =>
        cut.Find($"td > button[aria-label^='{from} → {to}:']");

    public static IReadOnlyList<AngleSharp.Dom.IElement> Cells(this IRenderedComponent<ReachabilityPage> cut) => cut.FindAll("td > button.nd-cell");
}
