namespace NetDashboard.Security;

/// <summary>
/// The Content-Security-Policy values. A page may load scripts, styles, fonts and images (and data: images) from the dashboard itself,
/// talk to it (the Blazor circuit's WebSocket: CSP Level 3 'self' also matches ws:/wss: of the same host and port)
/// and run one inline script, the import map, by nonce. Styles also allow 'unsafe-inline': MudBlazor writes
/// <c>style="…"</c> attributes and its theme's <c>&lt;style&gt;</c> element at run time, and the diagram positions
/// every node by a style attribute; no script can come in that way. Anything that is not a page loads nothing.
/// </summary>
public static class ContentSecurityPolicy
{
    public static string ForPage(string nonce, string frameAncestors) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        $"frame-ancestors {frameAncestors}";

    public static string ForResource(string frameAncestors) =>
        $"default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors {frameAncestors}";

    /// <summary>
    /// An endpoint's own policy (the SVG export's) with this app's framing directive in place of any it had; null when
    /// it says nothing but framing (Blazor's own <c>frame-ancestors 'self'</c> on its pages), so the app's policy applies.
    /// </summary>
    public static string? WithFrameAncestors(string policy, string frameAncestors)
    {
        var others = Directives(policy).Where(d => !IsDirective(d, "frame-ancestors")).ToList();
        return others.Count == 0 ? null : string.Join("; ", others.Append($"frame-ancestors {frameAncestors}"));
    }

    /// <summary>One directive of a policy (<c>"frame-ancestors 'self'"</c>), or null when it has none.</summary>
    public static string? Directive(string policy, string name) => Directives(policy).FirstOrDefault(d => IsDirective(d, name));

    private static IEnumerable<string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static bool IsDirective(string directive, string name) =>
        directive.Equals(name, StringComparison.OrdinalIgnoreCase) || directive.StartsWith(name + " ", StringComparison.OrdinalIgnoreCase);
}
