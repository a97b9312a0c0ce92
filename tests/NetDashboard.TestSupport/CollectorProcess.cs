using System.Collections.Concurrent;
using System.Diagnostics;

namespace NetDashboard.TestSupport;

/// <summary>
/// A real collector: <c>dotnet NetDashboard.dll --collector</c> (the app beside the test's binaries), optionally in a
/// network namespace (<c>nsenter --net=/var/run/netns/NS</c>, with a private mount namespace whose <c>/sys</c> is that
/// namespace's, as <c>ip netns exec</c> does, so the collector reads its host's interfaces like on a real remote host).
/// Its output is kept for assertions. Can be killed, frozen (SIGSTOP) and started again; disposing kills it.
/// </summary>
public sealed class CollectorProcess : IAsyncDisposable
{
    private readonly string? _netns;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string[] _extraArgs;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public CollectorProcess(IReadOnlyDictionary<string, string> settings, string? netns = null, params string[] extraArgs)
    {
        _settings = settings;
        _netns = netns;
        _extraArgs = extraArgs;
    }

    /// <summary>Every line the collector wrote so far (stdout and stderr).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public static CollectorProcess Start(IReadOnlyDictionary<string, string> settings, string? netns = null, params string[] extraArgs)
    {
        var collector = new CollectorProcess(settings, netns, extraArgs);
        collector.Start();
        return collector;
    }

    public void Start()
    {
        if (_process is { HasExited: false })
            throw new InvalidOperationException("The collector already runs.");
        var app = Path.Combine(AppContext.BaseDirectory, "NetDashboard.dll");
        string[] command = ["dotnet", app, "--collector", .. _extraArgs];
        var info = new ProcessStartInfo(_netns is null ? "dotnet" : "nsenter")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_netns is null)
        {
            foreach (var a in command.Skip(1)) info.ArgumentList.Add(a);
        }
        else
        {
            string[] wrapper =
            [
                $"--net=/var/run/netns/{_netns}", "--", "unshare", "--mount", "--", "sh", "-c",
                "mount --make-rslave / && umount -l /sys && mount -t sysfs sysfs /sys && exec \"$@\"", "collector",
                .. command,
            ];
            foreach (var a in wrapper) info.ArgumentList.Add(a);
        }
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["Logging__LogLevel__Default"] = "Information";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in _settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the collector");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Kills the collector at once (no goodbye to the dashboard beyond what the kernel does with its sockets).</summary>
    public async Task KillAsync()
    {
        if (_process is not { } p) return;
        try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await p.WaitForExitAsync().ConfigureAwait(false);
        p.Dispose();
        _process = null;
    }

    /// <summary>SIGSTOP (<paramref name="frozen"/>) or SIGCONT to the collector itself: a hung process whose TCP connection stays open.</summary>
    public async Task FreezeAsync(bool frozen)
    {
        var pid = DotnetPid() ?? throw new InvalidOperationException("The collector is not running.");
        var (exit, _, stderr) = await ProcessRunner.RunAsync("kill", [frozen ? "-STOP" : "-CONT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        if (exit != 0) throw new InvalidOperationException($"kill failed: {stderr}");
    }

    /// <summary>The dotnet process itself (nsenter, unshare and sh exec into it, so it is the started process).</summary>
    private int? DotnetPid() => _process is { HasExited: false } p ? p.Id : null;

    public string Describe() => string.Join('\n', _output.TakeLast(40));

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
    }
}
