using System.Collections.Immutable;
using NetDashboard.Core.Lookup;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Analysis;

/// <summary>Runs a command inside a container (docker exec) and reports its exit status and output.</summary>
public interface IContainerExec
{
    Task<ExecResult> RunAsync(string hostId, string containerId, IReadOnlyList<string> command, CancellationToken cancellationToken);
}

public sealed record ExecResult
{
    /// <summary>False when the command could not be started (no such binary in the image, container not running, daemon error).</summary>
    public required bool Started { get; init; }
    public long ExitCode { get; init; }
    public string Output { get; init; } = "";
    /// <summary>Why it could not be started, in one sentence.</summary>
    public string? Error { get; init; }
}

/// <summary>
/// Optional live check of a prediction, from inside the source container and aimed only at the two containers:
/// <c>ping -c1 -W1</c> to the address the prediction names, and <c>nslookup name 127.0.0.11</c> against Docker's embedded
/// DNS. A lookup whose name Docker's DNS would forward to the host's upstream resolvers is not run.
/// </summary>
public static class ReachabilityVerifier
{
    public static async Task<ReachabilityReport> VerifyAsync(TopologySnapshot snapshot, ReachabilityReport report, IContainerExec exec, TimeProvider time, CancellationToken cancellationToken)
    {
        var from = TopologyResolver.Container(snapshot, report.From.Id, report.From.HostId).Single!;
        var to = TopologyResolver.Container(snapshot, report.To.Id, report.To.HostId).Single!;
        var source = NetworkStack.Of(snapshot, from);
        var target = NetworkStack.Of(snapshot, to);

        var ping = await PingAsync(snapshot, report, source, target, exec, cancellationToken);
        var lookup = await LookupAsync(snapshot, report, source, exec, cancellationToken);
        return report with
        {
            Observed = new ReachabilityObservation
            {
                Ping = ping,
                Lookup = lookup,
                Disagrees = ping.Disagrees || lookup.Disagrees,
                At = time.GetUtcNow(),
            },
        };
    }

    private static async Task<ProbeOutcome> PingAsync(TopologySnapshot snapshot, ReachabilityReport report, NetworkStack source, NetworkStack target,
        IContainerExec exec, CancellationToken ct)
    {
        var expected = report.ByIp.Reachable;
        if (source.DownReason() is { } down)
        {
            return ProbeOutcome.NotRun("not run: " + down, expected);
        }
        // Prefer the predicted address; when there is none, the target's own address (to show that it really fails).
        var address = report.ByIp.Address
                      ?? (target.Owner is { } owner ? ReachabilityAnalyzer.Bridged(snapshot, owner).Select(x => x.Endpoint.Ipv4).FirstOrDefault(a => a is not null) : null);
        if (address is null)
        {
            return ProbeOutcome.NotRun($"not run: {report.To.Name} has no address to ping", expected);
        }
        string[] command = ["ping", "-c1", "-W1", address];
        var result = await exec.RunAsync(source.Container.HostId, source.Container.Id, command, ct);
        return Outcome(command, result, expected, resolved: null);
    }

    private static async Task<ProbeOutcome> LookupAsync(TopologySnapshot snapshot, ReachabilityReport report, NetworkStack source, IContainerExec exec, CancellationToken ct)
    {
        var predictedResolves = report.ByName.Resolver == "embedded-dns" && !report.ByName.Names.IsEmpty;
        if (report.ByName.Resolver == "localhost")
        {
            return ProbeOutcome.NotRun("not run: localhost needs no lookup", true);
        }
        if (source.DownReason() is { } down)
        {
            return ProbeOutcome.NotRun("not run: " + down, predictedResolves);
        }
        var hasEmbeddedDns = source.Owner is { } owner && ReachabilityAnalyzer.Bridged(snapshot, owner).Any(x => x.Network.Dns);
        if (!predictedResolves && hasEmbeddedDns)
        {
            return ProbeOutcome.NotRun(
                $"not run: Docker's DNS would forward \"{report.To.Name}\" to the host's upstream resolvers, outside the two containers", predictedResolves);
        }
        // Without embedded DNS nothing listens on 127.0.0.11 in the source's namespace: the query stays on its loopback.
        string[] command = ["nslookup", report.To.Name, "127.0.0.11"];
        var result = await exec.RunAsync(source.Container.HostId, source.Container.Id, command, ct);
        var resolved = result.Started ? ResolvedAddress(result.Output) : null;
        var succeeded = result is { Started: true, ExitCode: 0 } && resolved is not null;
        return Outcome(command, result with { ExitCode = succeeded ? 0 : Math.Max(1, result.ExitCode) }, predictedResolves, resolved);
    }

    private static ProbeOutcome Outcome(string[] command, ExecResult result, bool expected, string? resolved)
    {
        var text = string.Join(' ', command);
        if (!result.Started)
        {
            return new ProbeOutcome { Command = text, Ran = false, Expected = expected, Detail = "not run: " + result.Error };
        }
        return new ProbeOutcome
        {
            Command = text,
            Ran = true,
            Succeeded = result.ExitCode == 0,
            Expected = expected,
            ResolvedAddress = resolved,
            Detail = Tail(result.Output),
        };
    }

    /// <summary>The first address after the "Name:" line of busybox/bind nslookup output.</summary>
    public static string? ResolvedAddress(string output)
    {
        var afterName = false;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("Name:", StringComparison.Ordinal))
            {
                afterName = true;
                continue;
            }
            if (afterName && line.StartsWith("Address", StringComparison.Ordinal))
            {
                var value = line[(line.IndexOf(':') + 1)..].Trim();
                var space = value.IndexOf(' ');
                return space > 0 ? value[..space] : value;
            }
        }
        return null;
    }

    private static string Tail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" · ", lines.TakeLast(3));
    }
}
