using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>
/// Map readability, measured in Chromium: at the zoom the fit button chooses, no two labels (link labels and region
/// titles) overlap and no link label covers a node — on the demo's seed topology and on its 1,000-container one.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class MapLabelTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// Every visible label's box and every node's box on the screen, and the pairs that overlap by more than half a
    /// pixel both ways (a shared border is not an overlap).
    /// </summary>
    private const string Collisions = """
        () => {
          const visible = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
            return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0 && el.closest('[style*="display: none"]') === null; };
          const box = (el, what) => ({ what, r: el.getBoundingClientRect() });
          const name = el => (el.closest('[data-edge-id]')?.dataset.edgeId) || el.closest('[data-region-id]')?.dataset.regionId || el.textContent.trim().slice(0, 40);
          const labels = [...document.querySelectorAll('.nd-link-label, .nd-region-label')].filter(visible).map(el => box(el, name(el)));
          const nodes = [...document.querySelectorAll('[data-node-id]')].filter(el => !el.dataset.nodeId.startsWith('grp:')).filter(visible).map(el => box(el, el.dataset.nodeId));
          const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
          const found = [];
          for (let i = 0; i < labels.length; i++) {
            for (let j = i + 1; j < labels.length; j++) if (hit(labels[i].r, labels[j].r)) found.push(`label ${labels[i].what} overlaps label ${labels[j].what}`);
            for (const n of nodes) if (hit(labels[i].r, n.r)) found.push(`label ${labels[i].what} covers node ${n.what}`);
          }
          return { labels: labels.length, nodes: nodes.length, found };
        }
        """;

    private sealed class Measured
    {
        public int Labels { get; set; }

        public int Nodes { get; set; }

        public string[] Found { get; set; } = [];
    }

    private async Task<Measured> MeasureAfterFitAsync(IPage page, string path, Theme theme)
    {
        await page.GotoInteractiveAsync(path, theme);
        await page.WaitForMapAsync();
        await page.Locator("[data-fit]").ClickAsync();
        // The fit is applied in the next render: wait until the drawing's transform has settled on two frames.
        await page.WaitForFunctionAsync("""
            () => {
              const layer = document.querySelector('.diagram-html-layer');
              if (!layer) return false;
              const t = layer.style.transform;
              const settled = window.__ndLastTransform === t;
              window.__ndLastTransform = t;
              return settled && t !== '';
            }
            """, null, new() { PollingInterval = 250 });
        var measured = await page.EvaluateAsync<Measured>(Collisions);
        output.WriteLine($"{path}: {measured.Labels} labels, {measured.Nodes} nodes, {measured.Found.Length} collision(s)");
        foreach (var f in measured.Found.Take(40))
        {
            output.WriteLine("  " + f);
        }
        return measured;
    }

    [Theory]
    [InlineData(0, "/")]
    [InlineData(0, "/?expand=all")]
    [InlineData(1000, "/?view=map")]
    [InlineData(1000, "/?expand=all")]
    public async Task No_label_overlaps_another_or_covers_a_node_at_the_fit_zoom(int containers, string path)
    {
        await using var app = await fixture.StartDemoAsync(containers: containers);
        await using var context = await fixture.NewContextAsync(Theme.Light, app);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            var measured = await MeasureAfterFitAsync(page, path, Theme.Light);
            await page.ScreenshotAsync(Theme.Light, $"{containers}{(path.Contains("expand") ? "-expanded" : "")}");
            Assert.True(measured.Nodes > 0, "the map drew no node");
            Assert.True(measured.Found.Length == 0, $"{measured.Found.Length} collision(s) on {path} with {containers} containers:\n{string.Join("\n", measured.Found.Take(40))}");
        });
    }
}
