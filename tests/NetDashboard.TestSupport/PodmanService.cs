namespace NetDashboard.TestSupport;

/// <summary>
/// Podman's Docker-compatible API service (Debian's podman 4.3) as a test daemon, run by <c>scripts/podman-service.sh</c>
/// in its own network namespace <c>nd-NAME</c> (socket <c>/var/run/nd-NAME.sock</c>). Needs root and the main daemon
/// with the test image. Disposing removes its containers, networks, storage and namespace.
/// </summary>
public sealed class PodmanService : IAsyncDisposable
{
    public static TimeSpan ScriptTimeout { get; set; } = TimeSpan.FromSeconds(300); // a first start installs podman

    private readonly string _script;
    private int _disposed;

    private PodmanService(string script, string name)
    {
        _script = script;
        Name = name;
        Endpoint = $"unix:///var/run/nd-{name}.sock";
    }

    public string Name { get; }

    /// <summary><c>unix:///var/run/nd-NAME.sock</c>, for <c>docker -H</c> (the machine's CLI speaks to it) or the dashboard.</summary>
    public string Endpoint { get; }

    /// <summary>Starts service <paramref name="name"/> from nothing (a leftover of a crashed run is destroyed first).</summary>
    public static async Task<PodmanService> StartAsync(string name, string subnet)
    {
        var service = new PodmanService(Path.Combine(NewerEngine.RepositoryRoot(), "scripts", "podman-service.sh"), name);
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

    private async Task RunAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("bash", [_script, .. args], ScriptTimeout).ConfigureAwait(false);
        if (exit != 0)
            throw new InvalidOperationException($"podman-service.sh {string.Join(' ', args)} failed with exit code {exit}:\n{stderr.Trim()}\n{stdout.Trim()}".TrimEnd());
    }
}
