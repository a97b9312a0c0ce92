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
/// Another engine can be started instead of the machine's: <c>dockerdRoot</c> names an unpacked root (e.g. printed by
/// <c>scripts/newer-dockerd.sh fetch</c>) whose <c>usr/sbin/dockerd</c>, containerd and shims run with the machine's
/// runc, and <c>environment</c> adds variables to that dockerd (e.g. <c>DOCKER_MIN_API_VERSION=1.44</c>); the script
/// gets them as <c>ND_DOCKERD_ROOT</c> and <c>ND_DOCKERD_ENV</c>.
/// </remarks>
public sealed partial class SecondDaemon : IAsyncDisposable
{
    /// <summary>Start/stop/destroy wait at most this long (the script itself gives dockerd 60 s to answer).</summary>
    public static TimeSpan ScriptTimeout { get; set; } = TimeSpan.FromSeconds(150);

    /// <summary>Default timeout of <see cref="DockerAsync"/>.</summary>
    public static TimeSpan DockerTimeout { get; set; } = TimeSpan.FromSeconds(120);

    private readonly string _script;
    private readonly string _bip;
    private readonly string[] _engineEnvironment;
    private int _disposed;

    private SecondDaemon(string script, string name, string bip, string? dockerdRoot, string[] engineEnvironment)
    {
        _script = script;
        _bip = bip;
        _engineEnvironment = engineEnvironment;
        Name = name;
        DockerdRoot = dockerdRoot;
        SocketPath = $"/var/run/nd-{name}.sock";
        Endpoint = $"unix://{SocketPath}";
    }

    public string Name { get; }

    /// <summary><c>/var/run/nd-NAME.sock</c>.</summary>
    public string SocketPath { get; }

    /// <summary><c>unix:///var/run/nd-NAME.sock</c>, for <c>docker -H</c> or a Docker API client.</summary>
    public string Endpoint { get; }

    /// <summary>The unpacked engine root the daemon runs from; null for the machine's dockerd.</summary>
    public string? DockerdRoot { get; }

    /// <summary>
    /// The docker CLI <see cref="DockerAsync"/> runs: <c>DOCKER</c> when set, else <c>DockerdRoot/usr/bin/docker</c>
    /// when that root has one (a daemon that refuses API 1.41 refuses the bookworm CLI too), else <c>docker</c>.
    /// </summary>
    public string DockerCli =>
        Environment.GetEnvironmentVariable("DOCKER") is { Length: > 0 } d ? d
        : DockerdRoot is not null && File.Exists(Path.Combine(DockerdRoot, "usr", "bin", "docker")) ? Path.Combine(DockerdRoot, "usr", "bin", "docker")
        : "docker";

    /// <summary>
    /// Starts (or reuses, when it already answers) daemon <paramref name="name"/> with bridge address
    /// <paramref name="bip"/> and waits until it answers and holds the test image.
    /// </summary>
    /// <param name="dockerdRoot">Run <c>dockerdRoot/usr/sbin/dockerd</c> (with that root's containerd, shims and
    /// docker-proxy, and the machine's runc) instead of the machine's dockerd; null for the machine's.</param>
    /// <param name="environment">Extra environment for that dockerd, e.g. <c>DOCKER_MIN_API_VERSION=1.44</c>
    /// (keys are identifiers, values hold no white space).</param>
    /// <remarks>A running daemon of that name from another dockerd, or without these variables, is not reused: the
    /// script fails and asks to destroy it first (<see cref="DestroyAsync(string, CancellationToken)"/>).</remarks>
    public static async Task<SecondDaemon> StartAsync(
        string name = "nd2", string bip = "10.231.31.1/24", CancellationToken ct = default,
        string? dockerdRoot = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!NamePattern().IsMatch(name))
            throw new ArgumentException($"Daemon name must match {NamePattern()}: '{name}'", nameof(name));
        ArgumentException.ThrowIfNullOrWhiteSpace(bip);
        if (dockerdRoot is not null)
        {
            dockerdRoot = Path.GetFullPath(dockerdRoot);
            if (!File.Exists(Path.Combine(dockerdRoot, "usr", "sbin", "dockerd")))
                throw new ArgumentException($"'{dockerdRoot}' holds no usr/sbin/dockerd", nameof(dockerdRoot));
        }

        var daemon = new SecondDaemon(FindScript(), name, bip, dockerdRoot, EngineEnvironment(dockerdRoot, environment));
        await daemon.RunScriptAsync(ct, "start", name, bip).ConfigureAwait(false);
        return daemon;
    }

    /// <summary>
    /// Destroys daemon <paramref name="name"/> whether or not this process started it (a leftover of a crashed run, or
    /// a start that failed half-way): stop, remove its data and exec roots and its network namespace. Idempotent;
    /// throws when the script fails.
    /// </summary>
    public static Task DestroyAsync(string name, CancellationToken ct = default)
    {
        if (!NamePattern().IsMatch(name))
            throw new ArgumentException($"Daemon name must match {NamePattern()}: '{name}'", nameof(name));
        return new SecondDaemon(FindScript(), name, "unused", null, []).RunScriptAsync(ct, "destroy", name);
    }

    /// <summary>Stops the daemon (TERM, KILL after 20 s) but keeps its data, so <see cref="StartAgainAsync"/>
    /// brings the same containers back (exited, as Docker leaves them after a daemon restart without
    /// restart policy).</summary>
    public Task StopAsync(CancellationToken ct = default)
    {
        ThrowIfDisposed();
        return RunScriptAsync(ct, "stop", Name);
    }

    /// <summary>
    /// Kills dockerd with SIGKILL (no clean-up: its socket file stays behind, its containerd and containers keep
    /// running) and returns once the process is gone; <see cref="StartAgainAsync"/> brings it back.
    /// </summary>
    public async Task KillAsync()
    {
        ThrowIfDisposed();
        var pid = int.Parse(File.ReadAllText($"/var/run/nd-{Name}.pid").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var (exit, _, stderr) = await ProcessRunner.RunAsync("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        if (exit != 0)
            throw new InvalidOperationException($"kill -KILL {pid} failed: {stderr.Trim()}");
        // Gone, or a zombie waiting for PID 1 to reap it: either way it answers nothing any more.
        await Eventually.WaitUntilAsync(() => Gone(pid), $"dockerd {pid} gone after SIGKILL", TimeSpan.FromSeconds(20)).ConfigureAwait(false);

        static bool Gone(int pid)
        {
            try
            {
                return File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z";
            }
            catch (IOException)
            {
                return true;
            }
        }
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
        var docker = DockerCli;
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

    /// <summary><c>env</c> arguments that hand the engine to the script; none for the machine's dockerd (so the script
    /// runs exactly as before).</summary>
    private static string[] EngineEnvironment(string? dockerdRoot, IReadOnlyDictionary<string, string>? environment)
    {
        if (dockerdRoot is null && (environment is null || environment.Count == 0)) return [];
        var pairs = new List<string>();
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            if (!EnvironmentKeyPattern().IsMatch(key) || key == "PATH")
                throw new ArgumentException($"Not a usable environment variable name for dockerd: '{key}'", nameof(environment));
            if (value is null || value.Any(char.IsWhiteSpace))
                throw new ArgumentException($"The value of {key} must not hold white space: '{value}'", nameof(environment));
            pairs.Add($"{key}={value}");
        }
        return [$"ND_DOCKERD_ROOT={dockerdRoot ?? ""}", $"ND_DOCKERD_ENV={string.Join(' ', pairs)}"];
    }

    private async Task RunScriptAsync(CancellationToken ct, params string[] args)
    {
        // With another engine the script runs under `env`, which adds ND_DOCKERD_ROOT / ND_DOCKERD_ENV.
        string file = "bash";
        string[] argv = [_script, .. args];
        if (_engineEnvironment.Length > 0)
        {
            file = "env";
            argv = [.. _engineEnvironment, "bash", .. argv];
        }
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(file, argv, ScriptTimeout, ct).ConfigureAwait(false);
        if (exit != 0)
            throw new InvalidOperationException(
                $"second-dockerd.sh {string.Join(' ', args)} failed with exit code {exit}:\n{stderr.Trim()}\n{stdout.Trim()}".TrimEnd());
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,30}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentKeyPattern();
}
