using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Playwright;
using NetDashboard.MapLoadBench;

// Starts the built dashboard on a simulated daemon of N containers, opens the map in Debian's Chromium and
// measures, per run, the time from navigation start to the map fully drawn: the map root carries the revision it
// drew and as many node widgets are in the DOM as the map says it has. Loopback only.
if (args is ["circuits", ..])
{
    return await CircuitBench.RunAsync(args[1..], FindRepo());
}
var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [100, 300, 1000];
const int Runs = 5;
var repo = FindRepo();
var appDll = Path.Combine(repo, "src", "NetDashboard", "bin", "Release", "net10.0", "NetDashboard.dll");
if (!File.Exists(appDll))
{
    Console.Error.WriteLine($"Build the app first: dotnet build -c Release src/NetDashboard ({appDll} is missing).");
    return 2;
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

Console.WriteLine("| containers | view | nodes drawn | links | median ms | min ms | max ms |");
Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
foreach (var n in sizes)
{
    var port = FreePort();
    using var app = StartApp(appDll, repo, port, n);
    await WaitForAppAsync(port);
    // The map itself: above NetDashboard:Map:TableAbove (400) the page would open as a table (the circuits mode measures both).
    foreach (var (view, query) in new[] { ("map (?view=map)", "?view=map"), ("all expanded", "?expand=all") })
    {
        var times = new List<double>();
        var nodes = 0;
        var links = 0;
        for (var run = 0; run < Runs + 1; run++)
        {
            await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync($"http://127.0.0.1:{port}/{query}", new() { WaitUntil = WaitUntilState.Commit });
            await page.WaitForFunctionAsync(
                "() => { const m = document.querySelector('[data-map]'); if (!m || !m.dataset.renderedAt) return false;" +
                " const want = +m.dataset.nodeCount; return want > 0 && document.querySelectorAll('[data-node-id]').length >= want; }",
                null, new() { Timeout = 120_000, PollingInterval = 20 });
            var elapsed = await page.EvaluateAsync<double>("() => performance.now()");
            nodes = await page.EvaluateAsync<int>("() => +document.querySelector('[data-map]').dataset.nodeCount");
            links = await page.EvaluateAsync<int>("() => +document.querySelector('[data-map]').dataset.linkCount");
            if (run > 0)
            {
                times.Add(elapsed); // the first run warms the server's JIT and caches
            }
        }
        times.Sort();
        Console.WriteLine($"| {n} | {view} | {nodes} | {links} | {times[times.Count / 2]:F0} | {times[0]:F0} | {times[^1]:F0} |");
    }
    app.Kill(entireProcessTree: true);
}
return 0;

static Process StartApp(string dll, string repo, int port, int containers)
{
    var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.Combine(repo, "src", "NetDashboard"), RedirectStandardOutput = true, RedirectStandardError = true };
    info.ArgumentList.Add(dll);
    info.ArgumentList.Add("--urls");
    info.ArgumentList.Add($"http://127.0.0.1:{port}");
    info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development"; // serves static web assets from the build output
    info.Environment["NetDashboard__Source"] = "Demo";
    info.Environment["NetDashboard__DemoContainers"] = containers.ToString(CultureInfo.InvariantCulture);
    info.Environment["NetDashboard__DemoIntervalSeconds"] = "3600";
    info.Environment["Logging__LogLevel__Default"] = "Warning";
    var process = Process.Start(info)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitForAppAsync(int port)
{
    using var http = new HttpClient();
    for (var i = 0; i < 200; i++)
    {
        try
        {
            if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }
        await Task.Delay(100);
    }
    throw new TimeoutException("The dashboard did not start.");
}

static int FreePort()
{
    var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

static string FindRepo() => NetDashboard.Bench.BenchProcess.FindRepo();
