using Microsoft.Playwright;
using NetDashboard.TestSupport;

namespace NetDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>Waits on a page's iframe for a positive sign of how it ended, so an absence asserted after it means something.</summary>
public static class Frames
{
    /// <summary>The URL Chromium gives a frame whose document it refused to show (its own error page).</summary>
    public const string ChromiumErrorPage = "chrome-error://chromewebdata/";

    /// <summary>The one iframe of <paramref name="page"/>.</summary>
    public static IFrame Child(this IPage page) => page.Frames.Single(f => f != page.MainFrame);

    /// <summary>
    /// Waits until Chromium has refused to show the iframe's document: the frame has navigated to Chromium's error
    /// page and finished loading it. Times out (failing the test) when the frame shows the document instead.
    /// </summary>
    public static async Task<IFrame> WaitForRefusedFrameAsync(this IPage page)
    {
        await Eventually.WaitUntilAsync(
            () => page.Frames.Any(f => f != page.MainFrame && f.Url == ChromiumErrorPage),
            "the iframe refused (Chromium's error page in it)",
            describe: () => string.Join(", ", page.Frames.Where(f => f != page.MainFrame).Select(f => f.Url)));
        var child = page.Child();
        await child.WaitForLoadStateAsync(LoadState.Load);
        return child;
    }

    /// <summary>Waits until the map in <paramref name="frame"/> has drawn revision <paramref name="revision"/> or a later one.</summary>
    public static Task WaitForMapRevisionAsync(this IFrame frame, long revision) =>
        frame.WaitForFunctionAsync(
            "(r) => { const map = document.querySelector('[data-map]'); return map !== null && Number(map.dataset.revision) >= r; }",
            revision,
            new FrameWaitForFunctionOptions { Timeout = 20_000 });
}
