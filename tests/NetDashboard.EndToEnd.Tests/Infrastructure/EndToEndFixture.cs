using Microsoft.Playwright;
using NetDashboard.Core.Model;

namespace NetDashboard.EndToEnd.Tests.Infrastructure;

public enum Theme
{
    Light,
    Dark,
}

/// <summary>
/// Shared by every browser test: the real app (<see cref="App"/>, watching the local dockerd) and one headless
/// Chromium (Debian's <c>/usr/bin/chromium</c>, never a Playwright download). Chromium runs in a private
/// loopback-only network namespace (<see cref="LoopbackNamespace"/>) so container starts on the host cannot abort
/// its page loads; each test opens a fresh browser context.
/// </summary>
public sealed class EndToEndFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public LoopbackNamespace? BrowserNamespace { get; private set; }

    public DashboardApp App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (scripts/test.sh does).");
        }
        BrowserNamespace = await LoopbackNamespace.CreateAsync();
        App = await DashboardApp.StartAsync(BrowserNamespace);
        await App.WaitForAsync(t => t.Hosts.Any(h => h.Id == "local" && h.Status == HostStatus.Connected),
            TimeSpan.FromSeconds(30), "the local dockerd connected");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserNamespace.WrapExecutable(ChromiumPath),
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>Another Chromium like <see cref="Browser"/>, with extra command-line switches (dispose it).</summary>
    public Task<IBrowser> LaunchBrowserAsync(params string[] extraArgs) =>
        _playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserNamespace!.WrapExecutable(ChromiumPath),
            Headless = true,
            Args = [.. ChromiumArgs, .. extraArgs],
            Timeout = 60_000,
        });

    /// <summary>Starts another instance of the app (other settings), reachable from the same browser.</summary>
    public Task<DashboardApp> StartAppAsync(IReadOnlyDictionary<string, string?> settings) =>
        DashboardApp.StartAsync(BrowserNamespace, settings);

    /// <summary>
    /// Another instance of the app on the demo daemon: the seed's topology (or a synthetic one of
    /// <paramref name="containers"/>), one change every <paramref name="intervalSeconds"/> (an hour: it holds still).
    /// </summary>
    public Task<DashboardApp> StartDemoAsync(double intervalSeconds = 3600, int containers = 0) => StartAppAsync(new Dictionary<string, string?>
    {
        ["NetDashboard:Source"] = "Demo",
        ["NetDashboard:DemoIntervalSeconds"] = intervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["NetDashboard:DemoContainers"] = containers.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>
    /// A fresh context for <paramref name="app"/> (default: the shared one) in <paramref name="theme"/>: the
    /// app's own stored choice (localStorage <c>netdashboard.theme</c>, what the app-bar toggle writes) is set before
    /// any page script runs, and the emulated system preference agrees with it.
    /// </summary>
    public Task<IBrowserContext> NewContextAsync(Theme theme = Theme.Light, DashboardApp? app = null) =>
        NewContextAsync(theme, (app ?? App).BrowserAddress);

    /// <summary>A fresh context like the one above for any address the browser's namespace reaches (e.g. through a <see cref="NamespaceBridge"/>).</summary>
    public async Task<IBrowserContext> NewContextAsync(Theme theme, Uri baseAddress)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 900 },
            ColorScheme = theme == Theme.Dark ? ColorScheme.Dark : ColorScheme.Light,
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        await context.AddInitScriptAsync(BrowserScripts.Init(theme));
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        BrowserNamespace?.Dispose();
    }
}

/// <summary>Every browser test runs in this one collection: sequential, one app and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndFixture>
{
    public const string Name = "browser + real dockerd";
}
