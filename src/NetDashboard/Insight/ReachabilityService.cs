using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Model;

namespace NetDashboard.Insight;

/// <summary>Reachability answers for the API and the UI: the pure analysis, plus the optional live check.</summary>
public sealed class ReachabilityService(IOptionsMonitor<InsightOptions> options, IContainerExec exec, TimeProvider time)
{
    /// <summary>What the API and the service say when a live check is asked for while it is switched off.</summary>
    public const string LiveVerificationOff =
        "Live verification is switched off; set NetDashboard:Insight:LiveVerification=true to let the dashboard run ping and nslookup inside the source container.";

    public bool LiveVerificationEnabled => options.CurrentValue.LiveVerification;

    public ReachabilityReport Analyze(TopologySnapshot snapshot, ContainerInfo from, ContainerInfo to) =>
        ReachabilityAnalyzer.Analyze(snapshot, from, to);

    /// <summary>Runs the live check of <paramref name="report"/>; throws <see cref="InvalidOperationException"/> when it is switched off.</summary>
    public Task<ReachabilityReport> VerifyAsync(TopologySnapshot snapshot, ReachabilityReport report, CancellationToken cancellationToken)
    {
        if (!LiveVerificationEnabled)
        {
            throw new InvalidOperationException(LiveVerificationOff);
        }
        return ReachabilityVerifier.VerifyAsync(snapshot, report, exec, time, cancellationToken);
    }
}
