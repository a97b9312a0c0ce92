using NetDashboard.Core.Export;
using NetDashboard.Core.Lookup;
using NetDashboard.Core.Model;
using NetDashboard.Export;
using NetDashboard.History;
using NetDashboard.Monitoring;

namespace NetDashboard.Api;

/// <summary>
/// <c>GET /api/topology/export?format=mermaid|dot|svg|json|png[&amp;network=…][&amp;host=…][&amp;download=1][&amp;theme=light|dark][&amp;legend=0|1][&amp;scale=1|2|4]</c>:
/// the current topology as Mermaid, Graphviz DOT, a standalone SVG, JSON (<c>shared/contracts/topology-api.md</c>) or
/// a PNG of the SVG; <c>&amp;at=&lt;time&gt;</c> exports the topology as it was then (<see cref="TopologyTimeline"/>) (<see cref="PngRenderer"/>, <c>scale</c> pixels per SVG pixel). Bad values answer 400 (format,
/// theme, legend, download, scale, a picture too large, a network text naming several networks) or 404 (network,
/// host) as problem+json naming the value and what is allowed. The network is found by <see cref="TopologyResolver"/>.
/// </summary>
public static class ExportApi
{
    public const string Route = "/api/topology/export";

    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (HttpContext context, TopologyStore store, TopologyTimeline timeline) => ExportAsync(context, store, timeline)).WithName("ExportTopology");
        return app;
    }

    /// <summary>Answers one export request (the route's handler); <c>&amp;at=&lt;time&gt;</c> exports the topology as it was then.</summary>
    public static async Task<IResult> ExportAsync(HttpContext context, TopologyStore store, TopologyTimeline timeline)
    {
        var query = context.Request.Query;
        string? One(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;

        var formatText = One("format");
        if (string.IsNullOrWhiteSpace(formatText) || !TopologyExport.TryParseFormat(formatText, out var format))
        {
            return BadRequest("Unknown export format",
                formatText is null or ""
                    ? $"The query parameter 'format' is missing. Allowed formats: {string.Join(", ", TopologyExport.FormatNames)}."
                    : $"'{formatText}' is not an export format. Allowed formats: {string.Join(", ", TopologyExport.FormatNames)}.");
        }
        if (!TryFlag(One("download"), out var download))
        {
            return BadRequest("Invalid download flag", $"'{One("download")}' is not a value of 'download'. Allowed values: 0, 1 (or false, true).");
        }
        if (!TryFlag(One("legend") ?? "1", out var legend))
        {
            return BadRequest("Invalid legend flag", $"'{One("legend")}' is not a value of 'legend'. Allowed values: 0, 1 (or false, true).");
        }
        if (!PngRenderer.TryParseScale(One("scale"), out var scale))
        {
            return BadRequest("Invalid scale", $"'{One("scale")}' is not a value of 'scale'. Allowed values: {string.Join(", ", PngRenderer.Scales)}.");
        }
        var themeText = One("theme");
        ExportTheme theme;
        switch (themeText?.Trim().ToLowerInvariant())
        {
            case null or "" or "light":
                theme = ExportTheme.Light;
                break;
            case "dark":
                theme = ExportTheme.Dark;
                break;
            default:
                return BadRequest("Unknown theme", $"'{themeText}' is not a theme. Allowed themes: light, dark.");
        }

        var snapshot = store.Current;
        if (One("at") is { Length: > 0 } atText)
        {
            if (!HistoryInput.TryParseTime(atText, out var at))
            {
                return BadRequest("Invalid time", $"'{atText}' is not a time: {HistoryInput.TimeHint}.");
            }
            var then = await timeline.AtAsync(at, context.RequestAborted);
            if (then.Snapshot is null)
            {
                return BadRequest("Time not covered", then.Problem ?? "The history does not cover that time.");
            }
            snapshot = then.Snapshot;
        }
        var host = One("host");
        if (host is { Length: 0 })
        {
            host = null;
        }
        if (host is not null && !snapshot.Hosts.Any(h => h.Id == host))
        {
            return TopologyApi.UnknownHost(host, snapshot);
        }
        var network = One("network");
        if (network is { Length: 0 })
        {
            network = null;
        }
        if (network is not null && TopologyResolver.Network(snapshot, network, host) is { Single: null } lookup)
        {
            return lookup.IsAmbiguous ? LookupProblems.Ambiguous(lookup) : UnknownNetwork(network, host, snapshot);
        }

        var narrowed = TopologyExport.Narrow(snapshot, network, host);
        var body = TopologyExport.Render(narrowed, format, new ExportOptions { Theme = theme, Legend = legend });
        byte[]? png = null;
        if (format == ExportFormat.Png)
        {
            png = PngRenderer.Render(body, scale, out var size);
            if (png is null)
            {
                return BadRequest("Picture too large",
                    $"At scale {scale} this topology is a picture of {size.Width} × {size.Height} pixels, more than the {PngRenderer.MaxPixels / (1024 * 1024)} megapixels a PNG export may have. "
                    + "Ask for a smaller scale, or narrow it with 'network' or 'host'.");
            }
        }

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        if (format == ExportFormat.Svg)
        {
            // Opened on its own, the SVG may style itself and nothing else.
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        }
        if (download)
        {
            headers.ContentDisposition = $"attachment; filename=\"netdashboard-topology.{TopologyExport.FileExtension(format)}\"";
        }
        if (png is not null)
        {
            return Results.Bytes(png, TopologyExport.ContentType(format));
        }
        return Results.Text(body, TopologyExport.ContentType(format));
    }

    private static bool TryFlag(string? value, out bool flag)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "0" or "false" or "no":
                flag = false;
                return true;
            case "1" or "true" or "yes":
                flag = true;
                return true;
            default:
                flag = false;
                return false;
        }
    }

    private static IResult BadRequest(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    private static IResult UnknownNetwork(string network, string? host, TopologySnapshot snapshot)
    {
        var known = snapshot.Networks.Where(n => host is null || n.HostId == host)
            .Select(n => snapshot.Hosts.Length > 1 ? $"{n.Name} ({n.HostId})" : n.Name).Distinct().Order(StringComparer.Ordinal);
        return Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown network",
            detail: $"No network is named '{network}' or has that id{(host is null ? "" : $" on host '{host}'")}. Known networks: {string.Join(", ", known)}.");
    }
}
