using NetDashboard.Collectors;
using NetDashboard.Core.Observation;

namespace NetDashboard.CollectorMode;

/// <summary>
/// What a collector has to tell the dashboard, lossless and bounded: the newest observation not yet sent (observations
/// that pile up while the dashboard is away or slow are coalesced, <see cref="ObservationCoalescing"/>: a full read
/// supersedes the previous state, and the events of both are kept), the one in flight, and the last acknowledged.
/// After a (re)connect the first envelope is always a full observation: the one whose acknowledgement was lost (same
/// sequence: the dashboard does not apply its events twice), else the newest pending, else the last acknowledged again
/// (it re-confirms the host as connected).
/// </summary>
public sealed class CollectorOutbox(string instance)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _signal = NewSignal();
    private long _sequence;
    private CollectorEnvelope? _pending;
    private CollectorEnvelope? _resend;
    private CollectorEnvelope? _inFlight;
    private CollectorEnvelope? _acknowledged;

    public string Instance { get; } = instance;

    /// <summary>The newest observation offered (for the collector's own /healthz).</summary>
    public DaemonObservation? Latest { get; private set; }

    public void Offer(DaemonObservation observation)
    {
        lock (_gate)
        {
            _sequence++;
            _pending = new CollectorEnvelope(Instance, _sequence,
                _pending is null ? observation : ObservationCoalescing.Coalesce(_pending.Observation, observation));
            Latest = observation;
            _signal.TrySetResult();
        }
    }

    /// <summary>A new connection: decides what goes first (see the class summary).</summary>
    public void Reconnected()
    {
        lock (_gate)
        {
            _resend = _inFlight ?? (_pending is null ? _acknowledged : null);
            _inFlight = null;
            if (_resend is not null)
            {
                _signal.TrySetResult();
            }
        }
    }

    /// <summary>The next envelope to send, once there is one; it is in flight until <see cref="Acknowledge"/>.</summary>
    public async Task<CollectorEnvelope> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                var next = _resend ?? _pending;
                if (next is not null)
                {
                    if (ReferenceEquals(next, _resend)) _resend = null;
                    else _pending = null;
                    _inFlight = next;
                    return next;
                }
                if (_signal.Task.IsCompleted)
                {
                    _signal = NewSignal();
                }
                wait = _signal.Task;
            }
            await wait.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The dashboard received the envelope in flight.</summary>
    public void Acknowledge()
    {
        lock (_gate)
        {
            _acknowledged = _inFlight ?? _acknowledged;
            _inFlight = null;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
