using System.Text.Json;
using NetDashboard.Core.Export;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.TestSupport;

namespace NetDashboard.EndToEnd.Tests.Security;

/// <summary>
/// The SVG export, and the DOT export drawn by Graphviz's <c>dot -Tsvg</c>, of a topology whose every name is hostile
/// text, opened by Chromium as SVG documents of their own (where a script, an event attribute or a
/// <c>foreignObject</c> would run): nothing runs, no element is injected, and every container's name is there as text.
/// (The Mermaid export's hostile render is in ExportRenderTests.)
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HostileExportRenderTests(EndToEndFixture fixture)
{
    [Fact]
    public async Task The_svg_export_of_hostile_text_runs_nothing_in_chromium() =>
        await AssertInertAsync(SvgExporter.Export(ExportRenderTests.HostileSnapshot()), "svg export");

    [Fact]
    public async Task The_dot_export_of_hostile_text_drawn_by_graphviz_runs_nothing_in_chromium()
    {
        var dot = DotExporter.Export(ExportRenderTests.HostileSnapshot());
        var file = Path.Combine(Path.GetTempPath(), $"nd-hostile-{Guid.NewGuid():N}.dot");
        await File.WriteAllTextAsync(file, dot);
        try
        {
            var (code, svg, stderr) = await ProcessRunner.RunAsync("dot", ["-Tsvg", file], TimeSpan.FromSeconds(60));
            Assert.True(code == 0, $"dot refused the export: {stderr}");
            await AssertInertAsync(svg, "dot -Tsvg");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task AssertInertAsync(string svg, string what)
    {
        await using var context = await fixture.Browser.NewContextAsync();
        await context.AddInitScriptAsync("window.__pwned = 0; window.alert = () => { window.__pwned = 99; };");
        var page = await context.NewPageAsync();
        var watch = new PageWatch(page);
        await page.RouteAsync("http://export.test/**", route => route.FulfillAsync(new() { Status = 200, ContentType = "image/svg+xml", Body = svg }));
        var response = await page.GotoAsync("http://export.test/topology.svg");
        Assert.True(response?.Ok, $"{what}: the document did not load");
        var result = await page.EvaluateAsync<JsonElement>("""
            () => ({
              root: document.documentElement.localName,
              parseError: document.getElementsByTagName('parsererror').length,
              injected: document.querySelectorAll('script, foreignObject, iframe, object, embed, img, image, a[href^="javascript"], [onload], [onerror], [onclick], [onmouseover]').length,
              pwned: window.__pwned,
              text: document.documentElement.textContent,
            })
            """);
        Assert.Equal("svg", result.GetProperty("root").GetString());
        Assert.Equal(0, result.GetProperty("parseError").GetInt32());
        Assert.Equal(0, result.GetProperty("injected").GetInt32());
        Assert.Equal(0, result.GetProperty("pwned").GetInt32());
        Assert.True(watch.Dialogs.IsEmpty, $"{what}: dialogs opened: {string.Join(" | ", watch.Dialogs)}");
        var text = Normalize(result.GetProperty("text").GetString()!);
        foreach (var container in ExportRenderTests.HostileSnapshot().Containers)
        {
            var visible = Normalize(SvgExporter.Clean(container.Name));
            Assert.True(text.Contains(visible, StringComparison.Ordinal), $"{what}: the drawing lacks '{visible}'");
        }
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
