using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace NetDashboard.MapLoadBench;

/// <summary>
/// Server memory per browser circuit: the built dashboard on a simulated daemon of N containers, then 1, 25, 50 (or the
/// counts given) Chromium pages on its map page, each kept open once it is fully drawn — in two views: what a user gets
/// (<c>/</c>: the table above <c>NetDashboard:Map:TableAbove</c>, else the map) and the map forced on (<c>/?view=map</c>,
/// grouped above <c>NetDashboard:Map:GroupAbove</c>). Prints the server's RSS idle (after one page opened and closed) and
/// with each count open, MB per circuit, and the first-render times (navigation start → drawn). Loopback only.
/// Usage: <c>circuits [containers] [counts…] [repeat=N]</c>, e.g. <c>circuits 1000 1 25 50 repeat=3</c> (each count
/// measured N times, each time on a fresh server).
/// </summary>
internal static class CircuitBench
{
    public static async Task<int> RunAsync(string[] args, string repo)
    {
        var repeat = args.Where(a => a.StartsWith("repeat=", StringComparison.Ordinal)).Select(a => int.Parse(a["repeat=".Length..], CultureInfo.InvariantCulture)).DefaultIfEmpty(1).Last();
        // path=/overview: that page instead of the two map views (a baseline: what any page's circuit costs).
        var only = args.Where(a => a.StartsWith("path=", StringComparison.Ordinal)).Select(a => a["path=".Length..]).LastOrDefault();
        args = [.. args.Where(a => !a.StartsWith("repeat=", StringComparison.Ordinal) && !a.StartsWith("path=", StringComparison.Ordinal))];
        var containers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var counts = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1, 25, 50];
        var dll = Path.Combine(repo, "src", "NetDashboard", "bin", "Release", "net10.0", "NetDashboard.dll");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Console.WriteLine("| containers | view | circuits | server RSS MB (idle) | MB per circuit (RSS over idle) | first render median ms (min–max) |");
        Console.WriteLine("|---|---|---:|---:|---:|---|");
        foreach (var (view, path) in only is null ? new[] { ("default", "/"), ("map forced", "/?view=map") } : [(only, only)])
        foreach (var count in counts)
        for (var round = 0; round < repeat; round++)
        {
            var port = FreePort();
            using var app = StartApp(dll, repo, port, containers);
            try
            {
                await WaitForAppAsync(port);
                // Warm up the server (JIT, caches) with one page, closed again.
                await using (var warm = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } }))
                {
                    await OpenMapAsync(await warm.NewPageAsync(), port, path);
                }
                await Task.Delay(3000);
                var idle = await SettledAsync(app);
                var pages = new List<IBrowserContext>();
                var times = new List<double>();
                for (var i = 0; i < count; i++)
                {
                    var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
                    pages.Add(context);
                    times.Add(await OpenMapAsync(await context.NewPageAsync(), port, path));
                }
                await Task.Delay(3000);
                var open = await SettledAsync(app);
                if (Environment.GetEnvironmentVariable("CIRCUIT_BENCH_GCDUMP") is { Length: > 0 } tool)
                {
                    var name = new string([.. view.Select(ch => char.IsLetterOrDigit(ch) ? ch : '-')]);
                    // A heap dump of the server with the pages open (for finding what a circuit holds): the dotnet-gcdump tool's path.
                    using var dump = Process.Start(tool, ["collect", "-p", app.Id.ToString(CultureInfo.InvariantCulture), "-o", $"/tmp/circuits-{containers}-{count}-{name}.gcdump"])!;
                    await dump.WaitForExitAsync();
                    using var report = Process.Start(new ProcessStartInfo(tool, ["report", $"/tmp/circuits-{containers}-{count}-{name}.gcdump"]) { RedirectStandardOutput = true })!;
                    var text = await report.StandardOutput.ReadToEndAsync();
                    await File.WriteAllTextAsync($"/tmp/circuits-{containers}-{count}-{name}.txt", text);
                }
                times.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {containers} | {view} | {count} | {open:F0} ({idle:F0}) | {(open - idle) / count:F2} | {times[times.Count / 2]:F0} ({times[0]:F0}–{times[^1]:F0}) |"));
                foreach (var context in pages)
                {
                    await context.DisposeAsync();
                }
            }
            finally
            {
                app.Kill(entireProcessTree: true); // also when a step fails: never leave a server behind
            }
        }
        return 0;
    }

    // Drawn: the map with as many node widgets as it says it has, or the table with its first rows.
    private static async Task<double> OpenMapAsync(IPage page, int port, string path)
    {
        await page.GotoAsync($"http://127.0.0.1:{port}{path}", new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync(
            "() => { if (document.querySelector('[data-map-table] tbody tr [data-row-link]')) return true;" +
            (path.StartsWith("/?", StringComparison.Ordinal) || path == "/" ? "" : " if (document.querySelector('h1')) return true;") +
            " const m = document.querySelector('[data-map]'); if (!m || !m.dataset.renderedAt) return false;" +
            " const want = +m.dataset.nodeCount; return want > 0 && document.querySelectorAll('[data-node-id]').length >= want; }",
            null, new() { Timeout = 180_000, PollingInterval = 20 });
        var drawn = await page.EvaluateAsync<double>("() => performance.now()");
        if (!(path.StartsWith("/?", StringComparison.Ordinal) || path == "/"))
        {
            await Task.Delay(1500); // a baseline page has no "drawn" marker of its own: give its circuit time to connect
        }
        return drawn;
    }

    /// <summary>The server's resident memory (MB).</summary>
    private static async Task<double> SettledAsync(Process app)
    {
        await Task.Yield();
        app.Refresh();
        return app.WorkingSet64 / 1048576.0;
    }

    private static Process StartApp(string dll, string repo, int port, int containers)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.Combine(repo, "src", "NetDashboard"), RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
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

    private static async Task WaitForAppAsync(int port)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The dashboard did not start.");
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
