using System.Collections.Concurrent;
using NetDashboard.Core.Analysis;

namespace NetDashboard.Components.Tests.Insight;

/// <summary>
/// docker exec for the component tests: canned <see cref="ExecResult"/>s by the command's first word (ping, nslookup),
/// every call recorded; <see cref="Gate"/> can hold the answers back to show what the UI does meanwhile.
/// </summary>
public sealed class FakeContainerExec : IContainerExec
{
    private readonly ConcurrentDictionary<string, ExecResult> _answers = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string HostId, string ContainerId, string Command)> Calls { get; } = new();

    /// <summary>When set, every run waits for it.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public FakeContainerExec Answer(string tool, ExecResult result)
    {
        _answers[tool] = result;
        return this;
    }

    public async Task<ExecResult> RunAsync(string hostId, string containerId, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        Calls.Enqueue((hostId, containerId, string.Join(' ', command)));
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
        return _answers.TryGetValue(command[0], out var answer)
            ? answer
            : new ExecResult { Started = false, Error = $"the test gave no answer for {command[0]}" };
    }

    public static ExecResult Ok(string output = "") => new() { Started = true, ExitCode = 0, Output = output };

    public static ExecResult Failed(long exitCode, string output) => new() { Started = true, ExitCode = exitCode, Output = output };

    /// <summary>busybox nslookup's answer for a name that resolves.</summary>
    public static string Resolved(string name, string address) =>
        $"Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\t{name}\nAddress: {address}\n";
}
