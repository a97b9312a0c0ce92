using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Api;
using NetDashboard.Components.Map;
using NetDashboard.Components.Tests.Insight;
using NetDashboard.Components.Tests.Map;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.Monitoring;

namespace NetDashboard.Components.Tests.Reachability;

/// <summary>
/// <c>GET /api/reachability</c>, the map's <c>/?from=&amp;to=</c> (<see cref="MapReach.Resolve"/>) and the reachability
/// page's <c>?from=&amp;to=</c> answer the same inputs with the same containers — or the same refusal — on a topology of
/// two hosts where names repeat.
/// </summary>
public sealed class LookupAgreementTests
{
    /// <summary>A second host "other" with its own web (a name the demo host has too) and lonely (a name only it has).</summary>
    private static DaemonObservation Other()
    {
        var seed = MapTestSupport.Seed();
        var web = seed.Containers.Single(c => c.Names.Contains("/web"));
        var worker = seed.Containers.Single(c => c.Names.Contains("/worker"));
        return seed with
        {
            Host = seed.Host with { Id = "other", Name = "other" },
            Containers =
            [
                web with { Id = "f0" + web.Id[2..], Inspect = null, Interfaces = null },
                worker with { Id = "f1" + worker.Id[2..], Names = ["/lonely"], Inspect = null, Interfaces = null },
            ],
        };
    }

    private sealed record Answer(string? FromId, string? ToId, string? Problem, bool Ambiguous);

    public static TheoryData<string, string, string?> Inputs() => new()
    {
        { "api", "db", null },            // names, one host
        { "db", "web", null },            // web is on both hosts: the source's host decides
        { "lonely", "db", null },         // db is not on lonely's host: found on any host
        { "web", "db", null },            // web alone is ambiguous
        { "web", "db", "demo" },          // … unless ?host= narrows
        { "web", "lonely", "demo" },      // ?host= narrows the target too
        { "f0", "lonely", null },         // a unique id prefix
        { "F1", "web", null },            // prefixes ignore case; the target web is lonely's
        { "api", "nosuch", null },        // unknown
        { "API", "db", null },            // names don't ignore case
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task The_api_the_map_and_the_reachability_page_find_the_same_containers(string from, string to, string? host)
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(MapTestSupport.Seed());
        ctx.Publish(Other());
        var snapshot = ctx.Store.Current;
        Assert.Equal(2, snapshot.Hosts.Length);

        var api = await Api(ctx.Store, from, to, host);
        var map = Map(snapshot, from, to, host);
        var page = Page(ctx, from, to, host);

        Assert.Equal((api.FromId, api.ToId, api.Ambiguous), (map.FromId, map.ToId, map.Ambiguous));
        Assert.Equal((api.FromId, api.ToId, api.Ambiguous), (page.FromId, page.ToId, page.Ambiguous));
        if (api.Ambiguous)
        {
            // One sentence, from the one resolver, everywhere.
            Assert.Equal(api.Problem, map.Problem);
            Assert.Equal(api.Problem, page.Problem);
            Assert.Contains("give the id or ?host=", api.Problem);
        }
        Assert.Equal(api.FromId is null || api.ToId is null, api.Problem is not null);
    }

    [Fact]
    public void The_table_covers_found_ambiguous_and_unknown()
    {
        var snapshot = MapTestSupport.Snapshot(MapTestSupport.Seed(), Other());
        var answers = Inputs().Select(row => Map(snapshot, (string)row[0]!, (string)row[1]!, (string?)row[2])).ToList();
        Assert.Contains(answers, a => a.ToId is not null);
        Assert.Contains(answers, a => a.Ambiguous);
        Assert.Contains(answers, a => a is { FromId: null, Ambiguous: false, Problem: not null });
        // The target of "db → web" is the demo host's web, of "F1 → web" the other host's.
        Assert.Equal("demo", snapshot.Containers.Single(c => c.Id == Map(snapshot, "db", "web", null).ToId).HostId);
        Assert.Equal("other", snapshot.Containers.Single(c => c.Id == Map(snapshot, "F1", "web", null).ToId).HostId);
    }

    [Fact]
    public async Task An_ambiguous_api_question_is_a_400_naming_the_candidates()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(MapTestSupport.Seed());
        ctx.Publish(Other());

        var (status, body) = await Call(ctx.Store, "web", "db", null);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal("Ambiguous container", body.GetProperty("title").GetString());
        Assert.StartsWith("'web' is ambiguous: it matches 2 containers, web (", body.GetProperty("detail").GetString());
        Assert.Equal(["demo", "other"], body.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("hostId").GetString()!).Order().ToArray());
        Assert.All(body.GetProperty("candidates").EnumerateArray(), c => Assert.Equal("web", c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Every_route_that_takes_a_name_refuses_an_ambiguous_one_and_accepts_it_narrowed_to_a_host()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(MapTestSupport.Seed());
        ctx.Publish(Other());

        var matrix = await Call(ctx.Store, "/api/reachability/matrix", new() { ["network"] = "app-net" });
        Assert.Equal((400, "Ambiguous network"), (matrix.Status, matrix.Body.GetProperty("title").GetString()));
        Assert.Equal(200, (await Call(ctx.Store, "/api/reachability/matrix", new() { ["network"] = "app-net", ["host"] = "other" })).Status);

        var nat = await Call(ctx.Store, "/api/containers/{container}/nat", new() { ["container"] = "web" });
        Assert.Equal((400, "Ambiguous container"), (nat.Status, nat.Body.GetProperty("title").GetString()));
        Assert.Equal(200, (await Call(ctx.Store, "/api/containers/{container}/nat", new() { ["container"] = "web", ["host"] = "demo" })).Status);

        var export = await Export(ctx.Store, "?format=json&network=bridge");
        Assert.Equal((400, "Ambiguous network"), (export.Status, export.Body.GetProperty("title").GetString()));
        Assert.Contains("give the id or ?host=", export.Body.GetProperty("detail").GetString());
        Assert.Equal(200, (await Export(ctx.Store, "?format=json&network=bridge&host=demo")).Status);
        Assert.Equal(404, (await Export(ctx.Store, "?format=json&network=nosuch")).Status);
    }

    private static async Task<(int Status, JsonElement Body)> Export(TopologyStore store, string query)
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.QueryString = new QueryString(query);
        http.Response.Body = new MemoryStream();
        await (await ExportApi.ExportAsync(http, store, new NetDashboard.History.TopologyTimeline(store, new NetDashboard.History.HistoryAccess(), TimeProvider.System))).ExecuteAsync(http);
        return (http.Response.StatusCode, await Body(http));
    }

    private static async Task<Answer> Api(TopologyStore store, string from, string to, string? host)
    {
        var (status, root) = await Call(store, from, to, host);
        return status switch
        {
            StatusCodes.Status200OK => new Answer(root.GetProperty("from").GetProperty("id").GetString(), root.GetProperty("to").GetProperty("id").GetString(), null, false),
            StatusCodes.Status400BadRequest => new Answer(null, null, root.GetProperty("detail").GetString(), true),
            StatusCodes.Status404NotFound => new Answer(null, null, root.GetProperty("detail").GetString(), false),
            _ => throw new InvalidOperationException($"Unexpected status {status}."),
        };
    }

    private static Task<(int Status, JsonElement Body)> Call(TopologyStore store, string from, string to, string? host) =>
        Call(store, "/api/reachability", new() { ["from"] = from, ["to"] = to, ["host"] = host });

    /// <summary>Runs the real handler of an insight route in process (routing and binding included, no server).</summary>
    private static async Task<(int Status, JsonElement Body)> Call(TopologyStore store, string route, Dictionary<string, string?> query)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton(store);
        builder.Services.AddInsightForTests();
        await using var app = builder.Build();
        app.MapInsightApi();
        var endpoint = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == route);

        await using var scope = app.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        foreach (var (name, value) in query.Where(p => p.Value is not null && route.Contains("{" + p.Key + "}", StringComparison.Ordinal)))
        {
            http.Request.RouteValues[name] = value;
        }
        http.Request.QueryString = QueryString.Create(query.Where(p => p.Value is not null && !route.Contains("{" + p.Key + "}", StringComparison.Ordinal)));
        http.Response.Body = new MemoryStream();
        await endpoint.RequestDelegate!(http);
        return (http.Response.StatusCode, await Body(http));
    }

    private static async Task<JsonElement> Body(HttpContext http)
    {
        http.Response.Body.Position = 0;
        using var json = await JsonDocument.ParseAsync(http.Response.Body);
        return json.RootElement.Clone();
    }

    /// <summary>The map's answer, as ids: a pair, or none with the problem (an ambiguous side leaves both unset, like the API).</summary>
    private static Answer Map(TopologySnapshot snapshot, string from, string to, string? host)
    {
        var reach = MapReach.Resolve(snapshot, from, to, host);
        var ambiguous = reach.Problem?.Contains(" is ambiguous: ", StringComparison.Ordinal) == true;
        return reach.Resolved
            ? new Answer(reach.From!.Id, reach.To!.Id, null, false)
            : new Answer(null, null, reach.Problem, ambiguous);
    }

    private static Answer Page(NetDashboardTestContext ctx, string from, string to, string? host)
    {
        var query = $"?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}" + (host is null ? "" : $"&host={host}");
        var cut = ctx.RenderPage(query);
        if (cut.FindAll("[data-pair-problem]") is [var problem])
        {
            return new Answer(null, null, problem.TextContent, problem.TextContent.Contains(" is ambiguous: ", StringComparison.Ordinal));
        }
        var href = cut.Find("[data-details] a[data-show-path]").GetAttribute("href")!;
        var ids = Regex.Match(href, "from=([^&]+)&to=([^&]+)");
        return new Answer(Uri.UnescapeDataString(ids.Groups[1].Value), Uri.UnescapeDataString(ids.Groups[2].Value), null, false);
    }
}
