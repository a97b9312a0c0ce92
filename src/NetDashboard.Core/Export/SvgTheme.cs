using System.Globalization;
using System.Text;

namespace NetDashboard.Core.Export;

/// <summary>The SVG export's colours (the MudBlazor palettes the map uses, light and dark) as one embedded style sheet.</summary>
internal static class SvgTheme
{
    public static readonly SvgPalette Light = new("#f5f5f5", "#ffffff", "#424242", "#757575", "#e0e0e0",
        "#594ae2", "#ff4081", "#1ec8a5", "#2196f3", "#00c853", "#ff9800", "#f44336", "#bdbdbd");

    public static readonly SvgPalette Dark = new("#27272f", "#373740", "#e6e6e9", "#a8a8b0", "#4a4a55",
        "#776be7", "#ff4081", "#1ec8a5", "#3299ff", "#0bba83", "#ffa800", "#f64e62", "#6b6b75");

    public static string Css(SvgPalette p)
    {
        string Mix(string color, double share, string over) => Blend(color, share, over);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $$"""
            .bg{fill:{{p.Background}}}
            text{fill:{{p.Text}};font-size:12px}
            .mono{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace}
            .region-rect{fill:{{Mix(p.Info, 0.07, p.Background)}};stroke:{{Mix(p.Info, 0.45, p.Background)}};stroke-width:1.5}
            .region-other .region-rect{fill:{{Mix(p.Primary, 0.07, p.Background)}};stroke:{{Mix(p.Primary, 0.45, p.Background)}};stroke-dasharray:9 6;stroke-width:2}
            .region-host-stack .region-rect{fill:{{Mix(p.Tertiary, 0.07, p.Background)}};stroke:{{Mix(p.Tertiary, 0.45, p.Background)}};stroke-width:2}
            .region-isolated .region-rect{fill:{{Mix(p.TextSecondary, 0.07, p.Background)}};stroke:{{Mix(p.TextSecondary, 0.45, p.Background)}};stroke-dasharray:2 5;stroke-width:2;stroke-linecap:round}
            .region-label{font-size:14px;font-weight:700;fill:{{Mix(p.Info, 0.6, p.Text)}}}
            .region-other .region-label{fill:{{Mix(p.Primary, 0.6, p.Text)}}}
            .region-host-stack .region-label{fill:{{Mix(p.Tertiary, 0.6, p.Text)}}}
            .region-isolated .region-label{fill:{{p.Text}}}
            .region-count{font-size:11px;fill:{{p.TextSecondary}}}
            .region-detail{font-size:11px;fill:{{p.TextSecondary}}}
            .box{fill:{{p.Surface}};stroke:{{p.Lines}};stroke-width:1}
            .host .box{fill:{{Mix(p.Primary, 0.16, p.Surface)}};stroke:{{p.Primary}};stroke-width:2}
            .host-disconnected .box{stroke:{{p.Error}}}
            .host-name{font-size:16px;font-weight:700}
            .host-detail{font-size:11px;fill:{{p.TextSecondary}}}
            .bridge .box{fill:{{Mix(p.Info, 0.10, p.Surface)}};stroke:{{p.Info}};stroke-width:2}
            .network .box{fill:{{Mix(p.Primary, 0.08, p.Surface)}};stroke:{{p.Primary}};stroke-width:2;stroke-dasharray:6 4}
            .bridge-name{font-size:14px;font-weight:700}
            .bridge-detail{font-size:10.5px;fill:{{p.TextSecondary}}}
            .collapsed .box{stroke:{{Mix(p.Info, 0.5, p.Lines)}}}
            .collapsed-name{font-size:13.5px;font-weight:600}
            .node-detail{font-size:11px;fill:{{p.TextSecondary}}}
            .container-name{font-size:13.5px;font-weight:600}
            .state-text{font-size:10.5px;font-weight:600}
            .mode{fill:{{Mix(p.Info, 0.14, p.Surface)}};stroke:{{Mix(p.Info, 0.35, p.Surface)}}}
            .mode-text{font-size:9px;font-weight:700;text-anchor:middle;fill:{{p.Info}}}
            .container .stripe,.container .dot{fill:{{p.Disabled}}}
            .container .state-text{fill:{{p.TextSecondary}}}
            .state-running .stripe,.state-running .dot{fill:{{p.Success}}}
            .state-running .state-text{fill:{{p.Success}}}
            .state-paused .stripe,.state-paused .dot,.state-restarting .stripe,.state-restarting .dot,.state-removing .stripe,.state-removing .dot{fill:{{p.Warning}}}
            .state-paused .state-text,.state-restarting .state-text,.state-removing .state-text{fill:{{p.Warning}}}
            .state-dead .stripe,.state-dead .dot{fill:{{p.Error}}}
            .state-dead .state-text{fill:{{p.Error}}}
            .dimmed{opacity:.55}
            .dimmed .box{stroke-dasharray:4 3}
            .has-warning > .box{stroke:{{p.Warning}};stroke-width:2}
            .warning-badge circle{fill:{{p.Warning}};stroke:{{p.Surface}};stroke-width:2}
            .warning-text{font-size:13px;font-weight:800;text-anchor:middle;fill:#1b1b1b}
            .line{fill:none;stroke-width:1.7;stroke-linejoin:round}
            .link-endpoint .line{stroke:{{Mix(p.Info, 0.85, p.Text)}}}
            .link-uplink .line{stroke:{{p.TextSecondary}};stroke-width:2.4}
            .link-host-stack .line{stroke:{{p.Tertiary}};stroke-width:2.2}
            .link-shares .line{stroke:{{p.Secondary}};stroke-width:2.2;stroke-dasharray:7 5}
            .link-published .line{stroke:{{p.Primary}};stroke-width:2.6;stroke-dasharray:0.5 6;stroke-linecap:round}
            .link-warning .line{stroke:{{p.Warning}};stroke-width:2.6}
            .label-box{fill:{{p.Surface}};stroke:{{Mix(p.Info, 0.55, p.Surface)}};stroke-width:1}
            .link-uplink .label-box{stroke:{{p.Lines}}}
            .link-host-stack .label-box{stroke:{{Mix(p.Tertiary, 0.55, p.Surface)}}}
            .link-shares .label-box{stroke:{{Mix(p.Secondary, 0.55, p.Surface)}}}
            .link-published .label-box{stroke:{{Mix(p.Primary, 0.55, p.Surface)}}}
            .link-warning .label-box{stroke:{{p.Warning}};fill:{{Mix(p.Warning, 0.14, p.Surface)}}}
            .label-main,.label-detail{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:10.5px;text-anchor:middle}
            .label-main{font-weight:600}
            .label-detail{font-size:10px;fill:{{p.TextSecondary}}}
            .compact .label-main{font-size:9px}
            .compact .label-detail{font-size:8.5px}
            .link-published .label-main{fill:{{p.Primary}}}
            .link-shares .label-main{fill:{{p.Secondary}}}
            .legend-box{fill:{{p.Surface}};stroke:{{p.Lines}}}
            .legend-head{font-size:14px;font-weight:700}
            .legend-title{font-size:10.5px;font-weight:700;letter-spacing:.06em;fill:{{p.TextSecondary}}}
            .legend-text{font-size:12px}
            """);
        return sb.ToString();
    }

    /// <summary><paramref name="share"/> of <paramref name="color"/> over <paramref name="over"/> (#rrggbb), like CSS color-mix.</summary>
    private static string Blend(string color, double share, string over)
    {
        static (int R, int G, int B) Parse(string hex) => (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));
        var (r1, g1, b1) = Parse(color);
        var (r2, g2, b2) = Parse(over);
        int Mix(int a, int b) => (int)Math.Round(a * share + b * (1 - share));
        return $"#{Mix(r1, r2):x2}{Mix(g1, g2):x2}{Mix(b1, b2):x2}";
    }
}

/// <summary>One theme's colours.</summary>
internal sealed record SvgPalette(string Background, string Surface, string Text, string TextSecondary, string Lines,
    string Primary, string Secondary, string Tertiary, string Info, string Success, string Warning, string Error, string Disabled);
