using Microsoft.Playwright;

namespace NetDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>Scripts injected into every page, and waits built on them.</summary>
public static class BrowserScripts
{
    public const string ThemeKey = "netdashboard.theme";

    /// <summary>
    /// Runs before the page's own scripts: stores the theme choice the way the app's toggle does, and notes when the
    /// app first reads that choice. MainLayout reads it in its first interactive render (OnAfterRenderAsync), so
    /// <c>window.__ndThemeRead</c> means the Blazor circuit is up and every component on the page is interactive.
    /// </summary>
    public static string Init(Theme theme) => $$"""
        (() => {
          try { window.localStorage.setItem('{{ThemeKey}}', '{{theme.ToString().ToLowerInvariant()}}'); } catch { }
          const getItem = Storage.prototype.getItem;
          Storage.prototype.getItem = function (key) {
            if (key === '{{ThemeKey}}') { window.__ndThemeRead = true; }
            return getItem.call(this, key);
          };
        })();
        """;

    /// <summary>
    /// Waits until the page is interactive and shows <paramref name="theme"/>: the app has read the stored
    /// choice, the toggle says so and MudBlazor's palette is applied (body background dark or light).
    /// </summary>
    public static async Task WaitForInteractiveAsync(this IPage page, Theme theme)
    {
        await page.WaitForFunctionAsync("() => window.__ndThemeRead === true");
        var dark = theme == Theme.Dark ? "true" : "false";
        await page.Locator($"[data-dark-mode-toggle][aria-pressed=\"{dark}\"]").WaitForAsync();
        await page.WaitForFunctionAsync($$"""
            (dark) => {
              const m = getComputedStyle(document.body).backgroundColor.match(/\d+/g);
              if (!m) return false;
              const luminance = (0.299 * m[0] + 0.587 * m[1] + 0.114 * m[2]) / 255;
              return dark ? luminance < 0.35 : luminance > 0.65;
            }
            """, theme == Theme.Dark);
    }

    /// <summary>Waits until the page's map has drawn at least one node.</summary>
    public static Task WaitForMapAsync(this IPage page) =>
        page.WaitForFunctionAsync("() => { const m = document.querySelector('[data-map]'); return m && +m.dataset.renderedAt > 0 && +m.dataset.nodeCount > 0; }");

    /// <summary>Opens <paramref name="path"/> and waits until it is interactive in <paramref name="theme"/>.</summary>
    public static async Task GotoInteractiveAsync(this IPage page, string path, Theme theme)
    {
        var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}");
        await page.WaitForInteractiveAsync(theme);
    }
}
