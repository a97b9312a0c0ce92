using System.Buffers.Binary;
using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>The PNG export downloaded from the map's Export menu in Chromium, and from its URL, on the demo's topologies.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PngExportTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static (int Width, int Height) Dimensions(byte[] png)
    {
        Assert.Equal(Signature, png[..8]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task The_png_downloads_from_the_export_menu_and_the_url(int containers)
    {
        await using var app = await fixture.StartDemoAsync(containers: containers);
        await using var context = await fixture.NewContextAsync(Theme.Light, app);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            await page.GotoInteractiveAsync("/?view=map", Theme.Light); // 1,000 containers would open as a table
            await page.Locator("[data-export-menu] button").First.ClickAsync();
            // The 1,000-container picture takes seconds to draw (bench/README.md), and the click waits for its answer.
            var download = await page.RunAndWaitForDownloadAsync(
                () => page.Locator("[data-export-format=png]").ClickAsync(new() { Timeout = 90_000 }), new() { Timeout = 90_000 });
            Assert.Equal("netdashboard-topology.png", download.SuggestedFilename);
            var path = Path.Combine(Path.GetTempPath(), $"nd-{Guid.NewGuid():N}.png");
            try
            {
                await download.SaveAsAsync(path);
                var menu = Dimensions(await File.ReadAllBytesAsync(path));
                output.WriteLine($"{containers} containers: the menu's PNG is {menu.Width} × {menu.Height}, {new FileInfo(path).Length / 1024} KB");
                Assert.True(menu.Width > 300 && menu.Height > 300, $"{menu.Width} × {menu.Height}");

                using var http = new HttpClient { BaseAddress = app.ApiAddress, Timeout = TimeSpan.FromSeconds(90) };
                using var same = await http.GetAsync("api/topology/export?format=png");
                Assert.Equal("image/png", same.Content.Headers.ContentType?.MediaType);
                Assert.Equal(menu, Dimensions(await same.Content.ReadAsByteArrayAsync()));

                // Twice the pixels each way: the seed's picture; the 1,000-container one would pass the 64-megapixel
                // limit and is refused with a sentence saying how large it would be.
                using var twice = await http.GetAsync("api/topology/export?format=png&scale=2");
                if (containers == 0)
                {
                    var (width, height) = Dimensions(await twice.Content.ReadAsByteArrayAsync());
                    Assert.InRange(width, 2 * menu.Width - 1, 2 * menu.Width); // the SVG's size times 2, rounded up
                    Assert.InRange(height, 2 * menu.Height - 1, 2 * menu.Height);
                }
                else
                {
                    Assert.Equal(System.Net.HttpStatusCode.BadRequest, twice.StatusCode);
                    using var problem = System.Text.Json.JsonDocument.Parse(await twice.Content.ReadAsStringAsync());
                    Assert.Matches(@"^At scale 2 this topology is a picture of \d+ × \d+ pixels, more than the 64 megapixels",
                        problem.RootElement.GetProperty("detail").GetString());
                }
            }
            finally
            {
                File.Delete(path);
            }
        });
    }
}
