using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Export;
using NetDashboard.Export;

namespace NetDashboard.Benchmarks;

/// <summary>
/// GET /api/topology/export?format=png: the SVG export of a synthetic topology drawn as a PNG (SkiaSharp + Svg.Skia)
/// at 1× and 2× (1,000 containers at 1× only: at 2× it is over the route's 64-megapixel limit). The SVG is built once
/// in the setup (its cost is the SVG export's); what is measured is the parse, the drawing and the PNG encoding.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RuntimeMoniker.Net10_0, warmupCount: 2, iterationCount: 10)]
public class PngExportBenchmarks
{
    private string _svg = "";

    /// <summary>A topology size and a scale; 1,000 containers at 2× (160 megapixels) is over the limit the route refuses.</summary>
    public sealed record Case(int Containers, int Scale)
    {
        public override string ToString() => $"{Containers} at {Scale}x";
    }

    public static IEnumerable<Case> Cases => [new(100, 1), new(100, 2), new(1000, 1)];

    [ParamsSource(nameof(Cases))]
    public Case Input { get; set; } = new(100, 1);

    [GlobalSetup]
    public void Setup()
    {
        var snapshot = TopologyBuilder.Build([DemoDaemon.Synthetic(Input.Containers).Observe()], 1, DateTimeOffset.UnixEpoch);
        _svg = SvgExporter.Export(snapshot);
        var png = PngRenderer.Render(_svg, Input.Scale, out var size)
                  ?? throw new InvalidOperationException($"{size.Width} × {size.Height} is over the pixel limit");
        Console.WriteLine($"// {Input.Containers} containers at {Input.Scale}×: SVG {_svg.Length / 1024} KB → PNG {size.Width} × {size.Height}, {png.Length / 1024} KB");
    }

    [Benchmark]
    public byte[]? RenderPng() => PngRenderer.Render(_svg, Input.Scale, out _);
}
