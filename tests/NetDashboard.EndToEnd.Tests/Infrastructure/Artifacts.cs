using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace NetDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Screenshots of the browser tests, in <c>tests/NetDashboard.EndToEnd.Tests/artifacts/</c> (ignored by git via
/// <c>**/artifacts/</c>), named <c>TestName-theme.png</c>.
/// </summary>
public static class Artifacts
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetDashboard.sln")))
            {
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "tests", "NetDashboard.EndToEnd.Tests", "artifacts")).FullName;
            }
        }
        throw new DirectoryNotFoundException($"No folder holding NetDashboard.sln above {AppContext.BaseDirectory}");
    });

    public static string PathFor(string test, Theme theme, string? suffix = null) =>
        Path.Combine(Folder.Value, $"{test}-{theme.ToString().ToLowerInvariant()}{(suffix is null ? "" : "-" + suffix)}.png");

    /// <summary>Saves a full-page screenshot and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(this IPage page, Theme theme, string? suffix = null, [CallerMemberName] string test = "")
    {
        var path = PathFor(test, theme, suffix);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    /// <summary>
    /// Runs <paramref name="body"/> on a fresh page of <paramref name="context"/>; when it throws, saves
    /// <c>TestName-theme-failure.png</c> first, so a failed run leaves a picture of what the browser showed.
    /// </summary>
    public static async Task OnPageAsync(this IBrowserContext context, Theme theme, Func<IPage, Task> body, [CallerMemberName] string test = "")
    {
        var page = await context.NewPageAsync();
        try
        {
            await body(page);
        }
        catch
        {
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = PathFor(test, theme, "failure"), FullPage = true, Timeout = 5000 });
            }
            catch (PlaywrightException)
            {
                // the page is gone; the original failure matters more
            }
            throw;
        }
    }
}
