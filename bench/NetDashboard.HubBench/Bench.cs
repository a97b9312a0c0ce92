using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NetDashboard.HubBench;

internal static class Bench
{
    public static double NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerMillisecond / 10_000.0;

    public static void Report(string what, IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        if (v.Count == 0)
        {
            Console.WriteLine($"| {what} | no samples |");
            return;
        }
        double P(double q) => v[(int)Math.Min(v.Count - 1, Math.Max(0, Math.Ceiling(q * v.Count) - 1))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {P(0.5):F1} ({v[0]:F1}–{v[^1]:F1}) | p95 {P(0.95):F1} |"));
    }

    public static Process Start(string file, string[] args, Dictionary<string, string> env, string dir)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env) info.Environment[k] = v;
        return Process.Start(info)!;
    }

    /// <summary>
    /// The dashboard (built Release) on the local dockerd at 127.0.0.1:<paramref name="port"/>, its latency log on: each
    /// revision's stage line lands in <paramref name="stages"/>.
    /// </summary>
    public static Process StartDashboard(string repo, int port, ConcurrentDictionary<long, StageLine> stages)
    {
        var app = Start("dotnet", [Path.Combine(repo, "src/NetDashboard/bin/Release/net10.0/NetDashboard.dll"), "--urls", $"http://127.0.0.1:{port}"],
            new()
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Logging__LogLevel__Default"] = "Warning", ["NetDashboard__ResyncSeconds"] = "300",
                ["Logging__LogLevel__NetDashboard.Latency"] = "Debug", ["Logging__Console__FormatterName"] = "simple", ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            }, Path.Combine(repo, "src/NetDashboard"));
        app.OutputDataReceived += (_, e) =>
        {
            if (StageLine.TryParse(e.Data) is { } line) stages[line.Revision] = line;
        };
        app.BeginOutputReadLine();
        return app;
    }

    public static async Task Run(params string[] command)
    {
        using var p = Start(command[0], command[1..], [], Environment.CurrentDirectory);
        await p.WaitForExitAsync();
    }

    public static async Task WaitForHttpAsync(string url)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{url} never answered.");
    }

    public static string FindRepo() => NetDashboard.Bench.BenchProcess.FindRepo();
}

/// <summary>One line of the app's latency log (NetDashboard.Latency at Debug).</summary>
internal sealed partial record StageLine(long Revision, double? Event, double ReadStart, double ReadEnd, bool Incremental, double BuildStart, double Built, double Published)
{
    public static StageLine? TryParse(string? text)
    {
        if (text is null || LineRegex().Match(text) is not { Success: true } m) return null;
        double? D(string g) => m.Groups[g].Value == "-" ? null : double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        if (D("rs") is not { } readStart || D("re") is not { } readEnd) return null;
        return new StageLine(long.Parse(m.Groups["rev"].Value, CultureInfo.InvariantCulture), D("ev"), readStart, readEnd, m.Groups["inc"].Value == "1",
            D("bs")!.Value, D("b")!.Value, D("p")!.Value);
    }

    [GeneratedRegex(@"latency revision=(?<rev>\d+) event=(?<ev>[-\d.]+) readStart=(?<rs>[-\d.]+) readEnd=(?<re>[-\d.]+) incremental=(?<inc>\d) buildStart=(?<bs>[-\d.]+) built=(?<b>[-\d.]+) published=(?<p>[-\d.]+)")]
    private static partial Regex LineRegex();
}

/// <summary>The daemon's own event stream, read raw from its unix socket: when each event (by container name) was delivered.</summary>
internal sealed class RawEventStream : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RawEventStream(string socket, string filters)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                return new NetworkStream(s, ownsSocket: true);
            },
        };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _ = Task.Run(async () =>
        {
            using var response = await http.GetAsync("http://docker/events?filters=" + Uri.EscapeDataString(filters), HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            _started.TrySetResult();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var at = Bench.NowMs();
                using var doc = JsonDocument.Parse(line);
                var name = doc.RootElement.GetProperty("Actor").GetProperty("Attributes").GetProperty("name").GetString()!;
                var nanos = doc.RootElement.GetProperty("timeNano").GetInt64();
                Seen.TryAdd(name, (nanos / 1_000_000.0, at));
                Interlocked.Increment(ref _count);
            }
        });
    }

    private int _count;

    public Task StartedAsync => _started.Task;

    /// <summary>Events delivered so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Container name → (the daemon's event time, when the stream delivered it), Unix ms.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, (double Daemon, double Delivered)> Seen { get; } = new();

    public void Dispose() => _stop.Cancel();
}
