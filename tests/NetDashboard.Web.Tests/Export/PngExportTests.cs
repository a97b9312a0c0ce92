using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using NetDashboard.Api;
using NetDashboard.Export;
using NetDashboard.Web.Tests.Infrastructure;
using SkiaSharp;

namespace NetDashboard.Web.Tests.Export;

/// <summary><c>GET /api/topology/export?format=png[&amp;scale=…]</c> on the demo daemon's seed topology.</summary>
public class PngExportTests(DemoExportApp demo) : IClassFixture<DemoExportApp>
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private async Task<HttpResponseMessage> GetAsync(string query)
    {
        using var client = demo.App.CreateClient();
        return await client.GetAsync(ExportApi.Route + query);
    }

    /// <summary>Width and height from the PNG's IHDR chunk (bytes 16–23).</summary>
    private static (int Width, int Height) Dimensions(byte[] png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));

    private static double SvgSize(string svg, string attribute) =>
        double.Parse(XDocument.Parse(svg).Root!.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_png_is_a_picture_of_the_svg_at_each_scale()
    {
        var svg = await (await GetAsync("?format=svg")).Content.ReadAsStringAsync();
        var (svgWidth, svgHeight) = (SvgSize(svg, "width"), SvgSize(svg, "height"));
        foreach (var scale in new[] { 1, 2, 4 })
        {
            using var response = await GetAsync(scale == 1 ? "?format=png" : $"?format=png&scale={scale}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            var png = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(Signature, png[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
            var (width, height) = Dimensions(png);
            Assert.Equal((int)Math.Ceiling(svgWidth * scale), width);
            Assert.Equal((int)Math.Ceiling(svgHeight * scale), height);
            using var bitmap = SKBitmap.Decode(png);
            Assert.Equal(width, bitmap.Width);
        }

        using var download = await GetAsync("?format=png&scale=2&download=1&theme=dark&network=app-net&host=demo");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment; filename=\"netdashboard-topology.png\"", Assert.Single(download.Content.Headers.GetValues("Content-Disposition")));
        Assert.Equal(Signature, (await download.Content.ReadAsByteArrayAsync())[..8]);
    }

    [Fact]
    public async Task The_png_draws_the_text_of_the_svg_and_follows_the_theme()
    {
        var svg = await (await GetAsync("?format=svg")).Content.ReadAsStringAsync();
        // The same picture without its text: the labels must account for many pixels of the real one.
        var document = XDocument.Parse(svg);
        document.Descendants().Where(e => e.Name.LocalName == "text").ToList().ForEach(e => e.Remove());
        using var withText = SKBitmap.Decode(PngRenderer.Render(svg, 1, out _)!);
        using var withoutText = SKBitmap.Decode(PngRenderer.Render(document.ToString(), 1, out _)!);
        var differing = 0;
        for (var y = 0; y < withText.Height; y++)
        {
            for (var x = 0; x < withText.Width; x++)
            {
                differing += withText.GetPixel(x, y) != withoutText.GetPixel(x, y) ? 1 : 0;
            }
        }
        Assert.True(differing > 5_000, $"only {differing} pixels are text");

        static double Luminance(SKBitmap b)
        {
            var c = b.GetPixel(2, 2);
            return (0.299 * c.Red + 0.587 * c.Green + 0.114 * c.Blue) / 255;
        }
        using var light = SKBitmap.Decode(await (await GetAsync("?format=png&theme=light")).Content.ReadAsByteArrayAsync());
        using var dark = SKBitmap.Decode(await (await GetAsync("?format=png&theme=dark")).Content.ReadAsByteArrayAsync());
        Assert.True(Luminance(light) > 0.8, $"light background luminance {Luminance(light):0.00}");
        Assert.True(Luminance(dark) < 0.3, $"dark background luminance {Luminance(dark):0.00}");
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData("two")]
    [InlineData("-1")]
    public async Task A_bad_scale_answers_a_problem_naming_it_and_the_allowed_ones(string scale)
    {
        using var response = await GetAsync($"?format=png&scale={scale}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"'{scale}' is not a value of 'scale'. Allowed values: 1, 2, 4.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task With_a_token_configured_the_png_needs_it_like_every_export()
    {
        const string token = "png-token-0123456789abcdef";
        await using var app = new DashboardFactory(new Dictionary<string, string?>
        {
            ["NetDashboard:Source"] = "Demo",
            ["NetDashboard:Embed:Token"] = token,
        });
        using var client = app.CreateClient();
        using var without = await client.GetAsync(ExportApi.Route + "?format=png");
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal("application/problem+json", without.Content.Headers.ContentType?.MediaType);
        using var wrong = await client.GetAsync(ExportApi.Route + "?format=png&token=not-the-token-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var with = await client.GetAsync(ExportApi.Route + $"?format=png&scale=2&token={token}");
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal(Signature, (await with.Content.ReadAsByteArrayAsync())[..8]);
    }

    [Fact]
    public void A_picture_over_the_pixel_limit_is_refused_before_it_is_drawn()
    {
        const string huge = """<svg xmlns="http://www.w3.org/2000/svg" width="6000" height="4000"><rect width="100%" height="100%" fill="#fff"/></svg>""";
        Assert.Null(PngRenderer.Render(huge, 4, out var size));
        Assert.Equal((24_000, 16_000), size);
        Assert.NotNull(PngRenderer.Render(huge, 1, out _));
    }
}
