namespace NetDashboard.Configuration;

/// <summary>The <c>NetDashboard:Embed</c> section: who may frame the map, and an optional token.</summary>
public sealed class EmbedOptions
{
    public const string SectionName = "NetDashboard:Embed";

    /// <summary>
    /// Origins allowed to show <c>/embed</c> in an iframe (<c>https://wiki.example.com</c>); they become
    /// <c>Content-Security-Policy: frame-ancestors</c>. Empty: only this dashboard itself may frame it.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>When set, <c>/embed</c> and the export URLs require <c>?token=</c> with this value.</summary>
    public string? Token { get; set; }
}
