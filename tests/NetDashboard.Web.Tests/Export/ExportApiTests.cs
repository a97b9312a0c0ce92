using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Api;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.Monitoring;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.Export;

/// <summary>The app on the demo daemon (the seed topology), for the export route.</summary>
public sealed class DemoExportApp : IAsyncLifetime
{
    public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> App { get; private set; } = null!;

    private DashboardFactory? _factory;

    public async Task InitializeAsync()
    {
        _factory = new DashboardFactory(new Dictionary<string, string?> { ["NetDashboard:Source"] = "Demo" });
        App = _factory;
        var store = App.Services.GetRequiredService<TopologyStore>();
        await store.WaitForAsync(t => !t.Containers.IsEmpty, TimeSpan.FromSeconds(20), "a container of the demo topology");
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
    }
}

public class ExportApiTests(DemoExportApp demo) : IClassFixture<DemoExportApp>
{
    private async Task<HttpResponseMessage> GetAsync(string query)
    {
        using var client = demo.App.CreateClient();
        return await client.GetAsync(ExportApi.Route + query);
    }

    [Theory]
    [InlineData("mermaid", "text/vnd.mermaid", "mmd")]
    [InlineData("dot", "text/vnd.graphviz", "dot")]
    [InlineData("svg", "image/svg+xml", "svg")]
    [InlineData("json", "application/json", "json")]
    public async Task Each_format_has_its_content_type_and_downloads_as_an_attachment(string format, string mediaType, string extension)
    {
        var response = await GetAsync($"?format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Null(response.Content.Headers.ContentDisposition);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("web-sidecar", body);
        switch (format)
        {
            case "mermaid":
                Assert.StartsWith("flowchart LR", body);
                break;
            case "dot":
                Assert.StartsWith("digraph ", body);
                break;
            case "svg":
                var root = XDocument.Parse(body).Root!;
                Assert.Equal("svg", root.Name.LocalName);
                Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Name.LocalName == "script");
                break;
            case "json":
                var document = TopologyJson.Deserialize<TopologySnapshot>(body)!;
                Assert.Contains(document.Containers, c => c.Name == "web");
                break;
        }

        var download = await GetAsync($"?format={format}&download=1");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var disposition = download.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"attachment; filename=\"netdashboard-topology.{extension}\"", Assert.Single(download.Content.Headers.GetValues("Content-Disposition")));
    }

    [Fact]
    public async Task The_svg_follows_theme_and_legend()
    {
        var dark = await (await GetAsync("?format=svg&theme=dark&legend=0")).Content.ReadAsStringAsync();
        var light = await (await GetAsync("?format=svg")).Content.ReadAsStringAsync();
        Assert.Contains("nd-theme-dark", dark);
        Assert.DoesNotContain("class=\"legend\"", dark);
        Assert.Contains("nd-theme-light", light);
        Assert.Contains("class=\"legend\"", light);
    }

    [Fact]
    public async Task Network_narrows_to_that_network_and_what_is_attached_to_it()
    {
        var response = await GetAsync("?format=json&network=app-net&host=demo");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = TopologyJson.Deserialize<TopologySnapshot>(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(["app-net"], document.Networks.Select(n => n.Name));
        Assert.Equal(["api", "db", "worker"], document.Containers.Select(c => c.Name).Order());
        Assert.Equal(["demo"], document.Hosts.Select(h => h.Id));

        var mermaid = await (await GetAsync("?format=mermaid&network=bridge")).Content.ReadAsStringAsync();
        Assert.Contains("web-sidecar", mermaid);
        Assert.DoesNotContain("worker", mermaid);
    }

    [Theory]
    [InlineData("?format=gif", HttpStatusCode.BadRequest, "'gif'", "mermaid, dot, svg, json, png")]
    [InlineData("", HttpStatusCode.BadRequest, "'format'", "mermaid, dot, svg, json")]
    [InlineData("?format=svg&theme=neon", HttpStatusCode.BadRequest, "'neon'", "light, dark")]
    [InlineData("?format=svg&legend=maybe", HttpStatusCode.BadRequest, "'maybe'", "0, 1")]
    [InlineData("?format=svg&download=yes-please", HttpStatusCode.BadRequest, "'yes-please'", "0, 1")]
    [InlineData("?format=dot&network=no-such-net", HttpStatusCode.NotFound, "'no-such-net'", "app-net")]
    [InlineData("?format=dot&host=elsewhere", HttpStatusCode.NotFound, "'elsewhere'", "demo")]
    public async Task Bad_values_answer_a_problem_naming_them_and_the_allowed_ones(string query, HttpStatusCode status, string bad, string allowed)
    {
        var response = await GetAsync(query);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.Contains(bad, detail);
        Assert.Contains(allowed, detail);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
    }
}
