namespace NetDashboard.TestSupport;

/// <summary>
/// Podman's Docker-compatible API service as a test daemon — Debian's podman 4.3, or Debian sid's Podman 5 as
/// <c>scripts/newer-podman.sh</c> unpacks it — run by <c>scripts/podman-service.sh</c> in its own network namespace
/// <c>nd-NAME</c> (socket <c>/var/run/nd-NAME.sock</c>). Needs root and the main daemon with the test image. Disposing
/// removes its containers, networks, storage and namespace.
/// </summary>
public sealed class PodmanService : IAsyncDisposable
{
    public static TimeSpan ScriptTimeout { get; set; } = TimeSpan.FromSeconds(300); // a first start installs podman

    /// <summary>Cold, a fetch of sid's Podman 5 downloads about 40 MB of packages.</summary>
    public static TimeSpan FetchTimeout { get; set; } = TimeSpan.FromMinutes(15);

    private readonly string _script;
    private readonly string? _podmanBin;
    private int _disposed;

    private PodmanService(string script, string name, string? podmanBin)
    {
        _script = script;
        _podmanBin = podmanBin;
        Name = name;
        Endpoint = $"unix:///var/run/nd-{name}.sock";
    }

    public string Name { get; }

    /// <summary><c>unix:///var/run/nd-NAME.sock</c>, for <c>docker -H</c> (the machine's CLI speaks to it) or the dashboard.</summary>
    public string Endpoint { get; }

    /// <summary>
    /// Starts service <paramref name="name"/> from nothing (a leftover of a crashed run is destroyed first): Debian's
    /// podman, or the one in <paramref name="podmanBin"/> (see <see cref="FetchPodman5Async"/>).
    /// </summary>
    public static async Task<PodmanService> StartAsync(string name, string subnet, string? podmanBin = null)
    {
        var service = new PodmanService(Path.Combine(NewerEngine.RepositoryRoot(), "scripts", "podman-service.sh"), name, podmanBin);
        await service.RunAsync("destroy", name).ConfigureAwait(false);
        try
        {
            await service.RunAsync("start", name, subnet).ConfigureAwait(false);
        }
        catch
        {
            await service.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await RunAsync("destroy", Name).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"[PodmanService] destroy of {Name} failed: {e.Message}");
        }
    }

    /// <summary>
    /// Runs <c>scripts/newer-podman.sh fetch</c> and returns the folder of sid's Podman 5 binaries. When the packages
    /// cannot be downloaded (exit code 3) the calling test fails with the script's words.
    /// </summary>
    public static async Task<string> FetchPodman5Async()
    {
        var script = Path.Combine(NewerEngine.RepositoryRoot(), "scripts", "newer-podman.sh");
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("bash", [script, "fetch"], FetchTimeout).ConfigureAwait(false);
        if (exit != 0)
        {
            throw new InvalidOperationException(exit == 3
                ? $"Podman 5 could not be downloaded, so it was not tested:\n{stderr.Trim()}"
                : $"{script} fetch failed with exit code {exit}:\n{stderr.Trim()}\n{stdout.Trim()}".TrimEnd());
        }
        var bin = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (bin is null || !File.Exists(Path.Combine(bin, "podman")))
        {
            throw new InvalidOperationException($"{script} fetch printed no folder holding podman: '{stdout.Trim()}'");
        }
        return bin;
    }

    private async Task RunAsync(params string[] args)
    {
        // env passes the chosen podman to the script (ProcessRunner takes no environment).
        string[] command = _podmanBin is null ? ["bash", _script, .. args] : [$"ND_PODMAN_BIN={_podmanBin}", "bash", _script, .. args];
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("env", command, ScriptTimeout).ConfigureAwait(false);
        if (exit != 0)
            throw new InvalidOperationException($"podman-service.sh {string.Join(' ', args)} failed with exit code {exit}:\n{stderr.Trim()}\n{stdout.Trim()}".TrimEnd());
    }
}
