namespace NetDashboard.TestSupport;

/// <summary>
/// Newer Docker engines from Debian, unpacked by <c>scripts/newer-dockerd.sh fetch SUITE</c> and run by
/// <see cref="SecondDaemon"/> in their own network namespace: trixie's 26.1 (API 1.45) and sid's 28.5 (API 1.51).
/// Needs root and, the first time, the Debian mirror the machine already uses (later runs use the cache).
/// </summary>
public static class NewerEngine
{
    /// <summary>Cold, a fetch downloads about 60 MB of packages and a package list of 20–60 MB.</summary>
    public static TimeSpan FetchTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Runs <c>scripts/newer-dockerd.sh fetch SUITE</c> and returns the unpacked root. When the packages cannot be
    /// downloaded (exit code 3) the calling test fails with the script's words: a skipped compatibility test looks green.
    /// </summary>
    public static async Task<string> FetchAsync(string suite)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "newer-dockerd.sh");
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("bash", [script, "fetch", suite], FetchTimeout).ConfigureAwait(false);
        if (exit == 3)
        {
            throw new InvalidOperationException($"The {suite} Docker engine could not be downloaded, so it was not tested:\n{stderr.Trim()}");
        }
        if (exit != 0)
        {
            throw new InvalidOperationException($"{script} fetch {suite} failed with exit code {exit}:\n{stderr.Trim()}\n{stdout.Trim()}".TrimEnd());
        }
        var root = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (root is null || !File.Exists(Path.Combine(root, "usr", "sbin", "dockerd")))
        {
            throw new InvalidOperationException($"{script} fetch {suite} printed no unpacked root holding usr/sbin/dockerd: '{stdout.Trim()}'");
        }
        return root;
    }

    /// <summary>
    /// Starts daemon <paramref name="name"/> from the <paramref name="suite"/> engine (minimum API 1.44, as Engine 29
    /// has it), from nothing: a leftover of a crashed run is destroyed first, and a half-started daemon again on failure.
    /// Disposing the result destroys the daemon with everything created on it.
    /// </summary>
    public static async Task<SecondDaemon> StartAsync(string suite, string name, string bip)
    {
        var root = await FetchAsync(suite).ConfigureAwait(false);
        await SecondDaemon.DestroyAsync(name).ConfigureAwait(false);
        try
        {
            return await SecondDaemon.StartAsync(name, bip, dockerdRoot: root,
                environment: new Dictionary<string, string> { ["DOCKER_MIN_API_VERSION"] = "1.44" }).ConfigureAwait(false);
        }
        catch
        {
            await SecondDaemon.DestroyAsync(name).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The folder holding <c>NetDashboard.sln</c>, walking up from the working directory, then from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NetDashboard.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new DirectoryNotFoundException(
            $"No folder holding NetDashboard.sln above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'");
    }
}
