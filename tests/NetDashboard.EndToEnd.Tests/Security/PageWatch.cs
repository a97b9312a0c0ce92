using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace NetDashboard.EndToEnd.Tests.Security;

/// <summary>
/// Everything a page reports that a hostile or blocked script would: Content-Security-Policy violations (the
/// <c>securitypolicyviolation</c> events, recorded by an init script before any page script runs), console errors and
/// dialogs (alert, confirm, prompt — each dismissed and recorded), and the WebSockets it opened.
/// </summary>
public sealed class PageWatch
{
    /// <summary>Collects every CSP violation of the document into <c>window.__ndCsp</c>.</summary>
    public const string InitScript = """
        (() => {
          window.__ndCsp = [];
          document.addEventListener('securitypolicyviolation', e =>
            window.__ndCsp.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
        })();
        """;

    private readonly IPage _page;

    public ConcurrentQueue<string> ConsoleErrors { get; } = new();

    public ConcurrentQueue<string> Dialogs { get; } = new();

    public ConcurrentQueue<string> WebSockets { get; } = new();

    public PageWatch(IPage page)
    {
        _page = page;
        page.Console += (_, m) =>
        {
            // The browser's own favicon request is no page's doing; the app has none to serve.
            if ((m.Type == "error" || m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                && !m.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                ConsoleErrors.Enqueue($"{m.Type}: {m.Text} ({m.Location})");
            }
        };
        page.PageError += (_, e) => ConsoleErrors.Enqueue("page error: " + e);
        page.Dialog += async (_, d) =>
        {
            Dialogs.Enqueue($"{d.Type}: {d.Message}");
            await d.DismissAsync();
        };
        page.WebSocket += (_, ws) => WebSockets.Enqueue(ws.Url);
    }

    /// <summary>The CSP violations the current document has reported so far.</summary>
    public async Task<string[]> ViolationsAsync() => await _page.EvaluateAsync<string[]>("() => window.__ndCsp ?? []");

    /// <summary>Fails with everything reported when anything was.</summary>
    public async Task AssertCleanAsync(string where)
    {
        var violations = await ViolationsAsync();
        Assert.True(violations.Length == 0, $"{where}: CSP violations: {string.Join(" | ", violations)}");
        Assert.True(ConsoleErrors.IsEmpty, $"{where}: console errors: {string.Join(" | ", ConsoleErrors)}");
        Assert.True(Dialogs.IsEmpty, $"{where}: dialogs opened: {string.Join(" | ", Dialogs)}");
    }
}
