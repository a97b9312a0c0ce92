using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using NetDashboard.Components.Controls;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

public partial class MapExportMenu : IAsyncDisposable
{
    private static readonly (string Format, string Label)[] Formats =
    [
        ("mermaid", "Mermaid flowchart (.mmd)"),
        ("dot", "Graphviz DOT (.dot)"),
        ("svg", "SVG picture (.svg)"),
        ("png", "PNG picture (.png)"),
        ("json", "JSON document (.json)"),
    ];

    private BrowserModule? _module;

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Parameter, EditorRequired] public required MapViewState View { get; set; }

    [Parameter, EditorRequired] public required TopologySnapshot Snapshot { get; set; }

    /// <summary>The one network the view is narrowed to, by name (exports and embeds narrow the same way).</summary>
    private string? NetworkName => View.Networks.Count == 1
        ? Snapshot.Networks.FirstOrDefault(n => n.Id == View.Networks.First())?.Name
        : null;

    private string Query(params (string Key, string? Value)[] extra)
    {
        var parts = new List<(string Key, string? Value)> { ("network", NetworkName), ("host", View.HostId) };
        parts.AddRange(extra);
        return string.Join('&', parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
    }

    internal string ExportUrl(string format, bool download) =>
        $"api/topology/export?{Query(("format", format), ("download", download ? "1" : null))}";

    /// <summary>An iframe for a wiki page; the dashboard must list the wiki's origin in NetDashboard:Embed:AllowedOrigins.</summary>
    public string EmbedSnippet =>
        $"<iframe src=\"{Navigation.BaseUri}embed?{Query(("theme", "light"), ("legend", "1"))}\" width=\"100%\" height=\"600\" style=\"border:0\" title=\"Docker network map\"></iframe>";

    private Task CopyEmbedAsync() => CopyAsync(EmbedSnippet, "Embed snippet copied. Allow the wiki's origin in NetDashboard:Embed:AllowedOrigins.");

    private Task CopySvgLinkAsync() => CopyAsync($"{Navigation.BaseUri}{ExportUrl("svg", download: false)}", "SVG link copied: use it as an image in any wiki; it is always current.");

    private async Task CopyAsync(string text, string done)
    {
        _module ??= new BrowserModule(JS);
        if (await _module.CopyTextAsync(text))
        {
            Snackbar.Add(done, Severity.Success);
        }
        else
        {
            Snackbar.Add($"The browser refused to copy. Copy it by hand: {text}", Severity.Warning);
        }
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _module?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
