using Microsoft.AspNetCore.Components;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Model;
using NetDashboard.Insight;

namespace NetDashboard.Components.Reachability;

/// <summary>
/// Runs <see cref="ReachabilityService.VerifyAsync"/> for one pair on request and shows the result next to the
/// prediction. One instance per pair (the parent keys it), so a result never shows under another pair; leaving
/// cancels a check still running. A disagreement is always shown, as a warning.
/// </summary>
public partial class LiveVerification : IDisposable
{
    private CancellationTokenSource? _cts;
    private bool _running;
    private string? _error;
    private ReachabilityObservation? _observed;

    [Inject] public required ReachabilityService Reachability { get; init; }

    [Parameter, EditorRequired] public required TopologySnapshot Snapshot { get; set; }

    [Parameter, EditorRequired] public required ReachabilityReport Report { get; set; }

    private async Task VerifyAsync()
    {
        _cts?.Cancel();
        _cts?.Dispose();
        var cts = _cts = new CancellationTokenSource();
        _running = true;
        _error = null;
        try
        {
            var verified = await Reachability.VerifyAsync(Snapshot, Report, cts.Token);
            _observed = verified.Observed;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return; // left the pair or the page
        }
        catch (Exception ex)
        {
            _error = "The live check could not run: " + ReachabilityText.Sentence(ex.Message);
        }
        finally
        {
            if (ReferenceEquals(cts, _cts))
            {
                _running = false;
            }
        }
    }

    private static string DisagreementText(ReachabilityObservation o)
    {
        var parts = new List<string>();
        if (o.Ping.Disagrees)
        {
            parts.Add(o.Ping.Succeeded ? "the ping answered although the prediction says not reachable by IP" : "the ping got no answer although the prediction says reachable by IP");
        }
        if (o.Lookup.Disagrees)
        {
            parts.Add(o.Lookup.Succeeded ? "the name resolved although the prediction says it does not" : "the name did not resolve although the prediction says it does");
        }
        return string.Join("; ", parts) + ". Something the model does not show (a firewall rule, a custom resolver, a stale snapshot) is at play.";
    }

    public void Dispose()
    {
        _cts?.Cancel();
        _cts?.Dispose();
        _cts = null;
        GC.SuppressFinalize(this);
    }
}
