using NetDashboard.Bench;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NetDashboard.Access;

// A collector-fed host's kernel reads against a direct host's, on the machine's dockerd and kernel. Two dashboards in
// their own processes (the Release build): A's only host is fed by a real collector process (--collector) on the local
// socket, B watches the socket itself. The same containers, the same kernel:
//  1. GET /api/containers/{id}/nat on both, N times, 2.2 s apart (past both nat readers' 2-s cache: every answer is a
//     fresh iptables-save — on the collector, asked over its connection, for A; in the dashboard for B);
//  2. a new TCP connection between two test containers (docker exec … nc) → the flow in /api/traffic of each, both
//     polled every 25 ms (the traffic monitors read every second: this is what a user waits, read included).
// Only the test's own labelled containers talk; nothing else is contacted.
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
var repo = FindRepo();
var dll = Path.Combine(repo, "src/NetDashboard/bin/Release/net10.0/NetDashboard.dll");
var (portA, portB) = (5395, 5396);
var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
var prefix = "ndkb" + Guid.NewGuid().ToString("N")[..6];
var dataA = Directory.CreateTempSubdirectory("nd-kernel-bench-a-");
var dataB = Directory.CreateTempSubdirectory("nd-kernel-bench-b-");
var quiet = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning", ["NetDashboard__History__Enabled"] = "false" };
var processes = new List<Process>
{
    Start(dll, ["--urls", $"http://127.0.0.1:{portA}"], new(quiet)
    {
        ["NetDashboard__DataDirectory"] = dataA.FullName,
        ["NetDashboard__Collectors__0__Id"] = "k1",
        ["NetDashboard__Collectors__0__TokenHash"] = TokenHashes.HexOf(token),
    }),
    Start(dll, ["--urls", $"http://127.0.0.1:{portB}"], new(quiet) { ["NetDashboard__DataDirectory"] = dataB.FullName }),
    Start(dll, ["--collector", "--urls", "http://127.0.0.1:0"], new(quiet)
    {
        ["NetDashboard__Collector__Dashboard"] = $"http://127.0.0.1:{portA}",
        ["NetDashboard__Collector__HostId"] = "k1",
        ["NetDashboard__Collector__Token"] = token,
        ["NetDashboard__Hosts__0__Id"] = "k1",
        ["NetDashboard__Hosts__0__Endpoint"] = "unix:///var/run/docker.sock",
    }),
};
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
var a = $"http://127.0.0.1:{portA}";
var b = $"http://127.0.0.1:{portB}";
try
{
    await Docker("network", "create", "--label", "netdashboard.test=1", $"{prefix}-net");
    var server = (await Docker("run", "-d", "--init", "--label", "netdashboard.test=1", "--name", $"{prefix}-srv", "--network", $"{prefix}-net",
        "-p", "127.0.0.1::8080", "netdashboard/busybox:test", "sh", "-c", "while true; do nc -l -p 8080 </dev/null; done")).Trim();
    var client = (await Docker("run", "-d", "--init", "--label", "netdashboard.test=1", "--name", $"{prefix}-cli", "--network", $"{prefix}-net",
        "netdashboard/busybox:test", "sleep", "3600")).Trim();

    // Both answer with a kernel comparison: A's collector is connected and the containers are known to both.
    var clock = Stopwatch.StartNew();
    while (!(await Compared(a, server) && await Compared(b, server)))
    {
        if (clock.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException("The NAT paths were never compared on both dashboards.");
        await Task.Delay(250);
    }
    await Task.Delay(2200);

    var natA = new List<double>();
    var natB = new List<double>();
    for (var i = 0; i < rounds; i++)
    {
        natA.Add(await TimedNat(a, server));
        natB.Add(await TimedNat(b, server));
        await Task.Delay(2200);
    }

    var flowA = new List<double>();
    var flowB = new List<double>();
    for (var i = 0; i < rounds; i++)
    {
        var (beforeA, beforeB) = (await Flows(a, client, server), await Flows(b, client, server));
        var started = Stopwatch.StartNew();
        var exec = Docker("exec", client, "sh", "-c", $"nc {prefix}-srv 8080 </dev/null");
        double? seenA = null, seenB = null;
        while (seenA is null || seenB is null)
        {
            if (started.Elapsed > TimeSpan.FromSeconds(20)) throw new TimeoutException($"The connection {i} never showed on both dashboards.");
            if (seenA is null && await Flows(a, client, server) > beforeA) seenA = started.Elapsed.TotalMilliseconds;
            if (seenB is null && await Flows(b, client, server) > beforeB) seenB = started.Elapsed.TotalMilliseconds;
            await Task.Delay(25);
        }
        await exec;
        flowA.Add(seenA.Value);
        flowB.Add(seenB.Value);
        await Task.Delay(300);
    }

    Console.WriteLine($"| NAT path, fresh kernel read ({rounds} each) | collector-fed: median {Median(natA):F1} ms, range {natA.Min():F1}–{natA.Max():F1} | direct: median {Median(natB):F1} ms, range {natB.Min():F1}–{natB.Max():F1} |");
    Console.WriteLine($"| new connection → flow in /api/traffic ({rounds} each) | collector-fed: median {Median(flowA):F0} ms, range {flowA.Min():F0}–{flowA.Max():F0} | direct: median {Median(flowB):F0} ms, range {flowB.Min():F0}–{flowB.Max():F0} |");
}
finally
{
    foreach (var p in processes)
    {
        try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await p.WaitForExitAsync();
    }
    await Docker("rm", "-f", $"{prefix}-srv", $"{prefix}-cli").ContinueWith(_ => { });
    await Docker("network", "rm", $"{prefix}-net").ContinueWith(_ => { });
    dataA.Delete(recursive: true);
    dataB.Delete(recursive: true);
}

async Task<bool> Compared(string dashboard, string container)
{
    try
    {
        using var response = await http.GetAsync($"{dashboard}/api/containers/{container}/nat");
        if (!response.IsSuccessStatusCode) return false;
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("source").GetString() == "compared";
    }
    catch (HttpRequestException)
    {
        return false; // not listening yet
    }
}

async Task<double> TimedNat(string dashboard, string container)
{
    var clock = Stopwatch.StartNew();
    var json = await http.GetStringAsync($"{dashboard}/api/containers/{container}/nat");
    var elapsed = clock.Elapsed.TotalMilliseconds;
    using var doc = JsonDocument.Parse(json);
    if (doc.RootElement.GetProperty("source").GetString() != "compared")
        throw new InvalidOperationException($"{dashboard} did not compare: {doc.RootElement.GetProperty("note").GetString()}");
    return elapsed;
}

async Task<int> Flows(string dashboard, string from, string to)
{
    using var doc = JsonDocument.Parse(await http.GetStringAsync($"{dashboard}/api/traffic?container={from}"));
    return doc.RootElement.GetProperty("flows").EnumerateArray().Count(f =>
        f.GetProperty("source").GetProperty("containerId").GetString() == from && f.GetProperty("destination").GetProperty("containerId").GetString() == to);
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static async Task<string> Docker(params string[] args)
{
    var info = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var arg in args) info.ArgumentList.Add(arg);
    using var process = Process.Start(info)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0) throw new InvalidOperationException($"docker {string.Join(' ', args)}: {(await stderr).Trim()}");
    return await stdout;
}

Process Start(string app, string[] args, Dictionary<string, string> env) => BenchProcess.Start("dotnet", [app, .. args], env, Path.Combine(repo, "src/NetDashboard"));

static string FindRepo() => BenchProcess.FindRepo();
