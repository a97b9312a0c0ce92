using NetDashboard.TestSupport;

namespace NetDashboard.Container.Tests.Infrastructure;

/// <summary>Runs a program (through <c>/usr/bin/env</c> when it needs extra variables) and returns its stdout.</summary>
internal static class Cli
{
    /// <summary>Throws with the command, exit code and stderr when the program fails.</summary>
    public static async Task<string> RunAsync(string file, string[] args, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var (code, stdout, stderr) = await TryRunAsync(file, args, timeout, environment, workingDirectory);
        if (code != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({code}):\n{stderr.Trim()}\n{Tail(stdout)}");
        }
        return stdout;
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> TryRunAsync(string file, string[] args, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        string[] argv = environment is null or { Count: 0 }
            ? args
            : [.. environment.Select(kv => $"{kv.Key}={kv.Value}"), file, .. args];
        return ProcessRunner.RunAsync(environment is null or { Count: 0 } ? file : "/usr/bin/env", argv,
            timeout ?? TimeSpan.FromMinutes(2), workingDirectory: workingDirectory);
    }

    public static Task<string> DockerAsync(params string[] args) => RunAsync("docker", args);

    private static string Tail(string text) => text.Length <= 4000 ? text.Trim() : "…" + text[^4000..].Trim();
}
