using System.Text.RegularExpressions;

namespace NetDashboard.TestSupport;

/// <summary>
/// A second Docker daemon for multi-host tests, run by <c>scripts/second-dockerd.sh</c> in its own network
/// namespace <c>nd-NAME</c> (socket <c>/var/run/nd-NAME.sock</c>, data-root <c>/var/lib/nd-NAME</c>). Needs root and
/// the main daemon with the test image (<c>scripts/docker-up.sh</c>). Disposing destroys the daemon and its data.
/// </summary>
/// <remarks>
/// Its containers live in another network namespace: veth indexes or addresses read from them mean nothing in
/// the host's namespace, and the host cannot route to its bridge (no veth to the host).
/// Daemons with different names are independent; two fixtures must not share a name.
/// </remarks>
public sealed partial class SecondDaemon : IAsyncDisposable
{
    /// <summary>Start/stop/destroy wait at most this long (the script itself gives dockerd 60 s to answer).</summary>
    public static TimeSpan ScriptTimeout { get; set; } = TimeSpan.FromSeconds(150);

    /// <summary>Default timeout of <see cref="DockerAsync"/>.</summary>
    public static TimeSpan DockerTimeout { get; set; } = TimeSpan.FromSeconds(120);

    private readonly string _script;
    private readonly string _bip;
    private int _disposed;

    private SecondDaemon(string script, string name, string bip)
    {
        _script = script;
        _bip = bip;
        Name = name;
        SocketPath = $"/var/run/nd-{name}.sock";
        Endpoint = $"unix://{SocketPath}";
    }

    public string Name { get; }

    /// <summary><c>/var/run/nd-NAME.sock</c>.</summary>
    public string SocketPath { get; }

    /// <summary><c>unix:///var/run/nd-NAME.sock</c>, for <c>docker -H</c> or a Docker API client.</summary>
    public string Endpoint { get; }

    /// <summary>
    /// Starts (or reuses, when it already answers) daemon <paramref name="name"/> with bridge address
    /// <paramref name="bip"/> and waits until it answers and holds the test image.
    /// </summary>
    public static async Task<SecondDaemon> StartAsync(
        string name = "nd2", string bip = "10.231.31.1/24", CancellationToken ct = default)
    {
        if (!NamePattern().IsMatch(name))
            throw new ArgumentException($"Daemon name must match {NamePattern()}: '{name}'", nameof(name));
        ArgumentException.ThrowIfNullOrWhiteSpace(bip);

        var daemon = new SecondDaemon(FindScript(), name, bip);
        await daemon.RunScriptAsync(ct, "start", name, bip).ConfigureAwait(false);
        return daemon;
    }

    /// <summary>Stops the daemon (TERM, KILL after 20 s) but keeps its data, so <see cref="StartAgainAsync"/>
    /// brings the same containers back (exited, as Docker leaves them after a daemon restart without
    /// restart policy).</summary>
    public Task StopAsync(CancellationToken ct = default)
    {
        ThrowIfDisposed();
        return RunScriptAsync(ct, "stop", Name);
    }

    /// <summary>Starts the daemon again after <see cref="StopAsync"/> (same name, bridge address and data).</summary>
    public Task StartAgainAsync(CancellationToken ct = default)
    {
        ThrowIfDisposed();
        return RunScriptAsync(ct, "start", Name, _bip);
    }

    /// <summary>Runs <c>docker -H Endpoint args…</c> and returns its stdout; throws with stderr when it fails.</summary>
    public async Task<string> DockerAsync(params string[] args)
    {
        ThrowIfDisposed();
        string[] argv = ["-H", Endpoint, .. args];
        var docker = Environment.GetEnvironmentVariable("DOCKER") is { Length: > 0 } d ? d : "docker";
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(docker, argv, DockerTimeout).ConfigureAwait(false);
        if (exit != 0)
            throw new InvalidOperationException(
                $"{ProcessRunner.Describe(docker, argv)} failed with exit code {exit}: {stderr.Trim()}");
        return stdout;
    }

    /// <summary>Destroys the daemon: stop, remove its data and exec roots and its network namespace. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await RunScriptAsync(CancellationToken.None, "destroy", Name).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Cleanup must not mask the test's own outcome; leave a trace for whoever reads the test log.
            Console.Error.WriteLine($"[SecondDaemon] destroy of {Name} failed: {e.Message}");
        }
    }

    /// <summary>
    /// <c>scripts/second-dockerd.sh</c> of the checkout: <c>NETDASHBOARD_SECOND_DOCKERD_SCRIPT</c> when set, else
    /// found by walking up from the working directory (then from the test assembly's folder) to the folder that
    /// holds <c>NetDashboard.sln</c>.
    /// </summary>
    public static string FindScript()
    {
        if (Environment.GetEnvironmentVariable("NETDASHBOARD_SECOND_DOCKERD_SCRIPT") is { Length: > 0 } fromEnv)
            return File.Exists(fromEnv)
                ? Path.GetFullPath(fromEnv)
                : throw new FileNotFoundException("NETDASHBOARD_SECOND_DOCKERD_SCRIPT names no file", fromEnv);

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "NetDashboard.sln"))) continue;
                var script = Path.Combine(dir.FullName, "scripts", "second-dockerd.sh");
                if (File.Exists(script)) return script;
                throw new FileNotFoundException($"{dir.FullName} holds NetDashboard.sln but no scripts/second-dockerd.sh", script);
            }
        }
        throw new FileNotFoundException(
            $"No folder holding NetDashboard.sln above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'");
    }

    private async Task RunScriptAsync(CancellationToken ct, params string[] args)
    {
        string[] argv = [_script, .. args];
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("bash", argv, ScriptTimeout, ct).ConfigureAwait(false);
        if (exit != 0)
            throw new InvalidOperationException(
                $"second-dockerd.sh {string.Join(' ', args)} failed with exit code {exit}:\n{stderr.Trim()}\n{stdout.Trim()}".TrimEnd());
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,30}$")]
    private static partial Regex NamePattern();
}
