using System.Diagnostics;
using System.Text.Json;

namespace NetDashboard.TestSupport;

/// <summary>
/// The docker CLI, for tests that create real objects on the local daemon. Every object a test makes carries the
/// label <c>netdashboard.test=1</c> and a name with the test's own prefix, and <see cref="DisposeAsync"/> removes
/// them all, even when the test failed.
/// </summary>
public sealed class DockerCli : IAsyncDisposable
{
    public const string TestLabel = "netdashboard.test=1";
    public const string Image = "netdashboard/busybox:test";

    private readonly List<string> _containers = [];
    private readonly List<string> _networks = [];

    public DockerCli(string? host = null, string? prefix = null)
    {
        Host = host;
        Prefix = prefix ?? "ndt" + Guid.NewGuid().ToString("N")[..6];
    }

    /// <summary>A <c>-H</c> endpoint, or null for the default daemon.</summary>
    public string? Host { get; }

    /// <summary>Prepended to every name this instance creates, so parallel tests never collide.</summary>
    public string Prefix { get; }

    public string Name(string shortName) => $"{Prefix}-{shortName}";

    /// <summary>Runs a detached, labelled container (<c>--init</c> so it stops at once) and returns its full id.</summary>
    public async Task<string> RunAsync(string shortName, params string[] options)
    {
        var name = Name(shortName);
        _containers.Add(name);
        return (await DockerAsync(["run", "-d", "--init", "--label", TestLabel, "--name", name, .. options, Image, "sleep", "3600"])).Trim();
    }

    /// <summary>Like <see cref="RunAsync"/>, with the container's own command (e.g. <c>sh -c "sleep 600 | nc -l -p 8080"</c>).</summary>
    public async Task<string> RunCommandAsync(string shortName, string[] options, params string[] command)
    {
        var name = Name(shortName);
        _containers.Add(name);
        return (await DockerAsync(["run", "-d", "--init", "--label", TestLabel, "--name", name, .. options, Image, .. command])).Trim();
    }

    public async Task<string> CreateNetworkAsync(string shortName, params string[] options)
    {
        var name = Name(shortName);
        _networks.Add(name);
        return (await DockerAsync(["network", "create", "--label", TestLabel, .. options, name])).Trim();
    }

    /// <summary>Removes the network named <paramref name="shortName"/> at dispose, if something else (a test's API call) created it.</summary>
    public string TrackNetwork(string shortName)
    {
        var name = Name(shortName);
        _networks.Add(name);
        return name;
    }

    public async Task<JsonElement> InspectAsync(string nameOrId, bool network = false)
    {
        var json = await DockerAsync(network ? ["network", "inspect", nameOrId] : ["inspect", nameOrId]);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement[0].Clone();
    }

    /// <summary>Runs docker with the arguments; returns stdout, throws with stderr when it fails.</summary>
    public async Task<string> DockerAsync(params string[] args)
    {
        string[] all = Host is null ? args : ["-H", Host, .. args];
        var (code, stdout, stderr) = await RunProcessAsync("docker", all, TimeSpan.FromSeconds(90));
        if (code != 0)
        {
            throw new InvalidOperationException($"docker {string.Join(' ', args)} failed ({code}): {stderr.Trim()}");
        }
        return stdout;
    }

    public async ValueTask DisposeAsync()
    {
        if (_containers.Count > 0)
        {
            await RunProcessAsync("docker", Host is null ? ["rm", "-f", .. _containers] : ["-H", Host, "rm", "-f", .. _containers], TimeSpan.FromSeconds(60));
        }
        foreach (var network in _networks)
        {
            await RunProcessAsync("docker", Host is null ? ["network", "rm", network] : ["-H", Host, "network", "rm", network], TimeSpan.FromSeconds(30));
        }
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunProcessAsync(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
