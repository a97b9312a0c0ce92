using MudBlazor;

namespace NetDashboard.Components.Layout;

/// <summary>
/// The one theme of every layout (the app and the embed): MudBlazor's palettes with the colours that fell short of
/// WCAG 2.1 AA contrast replaced — 4.5:1 for text on the surfaces it sits on, in both themes (checked by axe-core in
/// the browser tests). Light: darker secondary text, success, warning, error and info, each with white text on it.
/// Dark: lighter primary (links, the active navigation item), secondary, tertiary and info (the map's mode badges),
/// brighter text, and dark text on every filled colour.
/// </summary>
public static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            TextSecondary = "rgba(0,0,0,0.64)",
            ActionDefault = "rgba(0,0,0,0.64)",
            Success = "#1b7f3b",
            SuccessContrastText = "#ffffff",
            Warning = "#a15c00",
            WarningContrastText = "#ffffff",
            Error = "#c62828",
            ErrorContrastText = "#ffffff",
            Info = "#1565c0",
            InfoContrastText = "#ffffff",
            // MudBlazor's default pink and teal are too light for the map's small mode badges on their own tint.
            Secondary = "#ad1457",
            SecondaryContrastText = "#ffffff",
            Tertiary = "#00695c",
            TertiaryContrastText = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#aea6f6",
            PrimaryContrastText = "#1e1e2e",
            Secondary = "#ffa4c4",
            SecondaryContrastText = "#1e1e2e",
            Tertiary = "#5fe0c4",
            TertiaryContrastText = "#1e1e2e",
            Info = "#86c8ff",
            TextPrimary = "rgba(255,255,255,0.87)",
            TextSecondary = "rgba(255,255,255,0.72)",
            ActionDefault = "rgba(255,255,255,0.72)",
            // Light enough that dark text keeps 4.5:1 on a chip even in its hovered (darkened) shade.
            Success = "#5fd38d",
            SuccessContrastText = "#1e1e2e",
            WarningContrastText = "#1e1e2e",
            ErrorContrastText = "#1e1e2e",
            InfoContrastText = "#1e1e2e",
        },
    };
}
