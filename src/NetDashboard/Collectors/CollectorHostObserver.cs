using System.Globalization;
using System.Threading.Channels;
using NetDashboard.Configuration;
using NetDashboard.Core.Observation;

namespace NetDashboard.Collectors;

/// <summary>
/// A host fed by a collector, seen by the monitor like any other observer: what the collector sends (through
/// <see cref="CollectorHub"/>) is published in the order received, under this host's configured id and name whatever
/// the collector calls itself. One connection counts at a time: a new one replaces (and ends) the previous, whose late
/// messages are dropped. A collector that closes its connection, or sends nothing for <see cref="CollectorProtocol.Silence"/>,
/// shows its host disconnected with a sentence (the store keeps its last networks and containers, stale).
/// </summary>
public sealed class CollectorHostObserver : IHostObserver
{
    private readonly Lock _gate = new();
    private readonly Channel<DaemonObservation> _published = Channel.CreateUnbounded<DaemonObservation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ObservedHost _identity;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _silence;
    private CollectorSession? _current;
    private string? _instance;
    private long _applied;
    private ObservedHost _lastHost;

    public CollectorHostObserver(CollectorHostOptions options, TimeProvider time, ILogger logger, TimeSpan? silence = null)
    {
        _identity = new ObservedHost
        {
            Id = options.Id,
            Name = string.IsNullOrWhiteSpace(options.Name) ? options.Id : options.Name,
            Endpoint = "collector",
        };
        _lastHost = _identity;
        TokenHash = options.TokenHash ?? "";
        _time = time;
        _logger = logger;
        _silence = silence ?? CollectorProtocol.Silence;
    }

    public string HostId => _identity.Id;

    /// <summary>The SHA-256 (hex) of the one token that may publish as this host.</summary>
    public string TokenHash { get; }

    public ObservedHost Placeholder => _identity with { Error = "No collector connected yet." };

    /// <summary>True while a collector is connected.</summary>
    public bool HasCollector => Session is not null;

    /// <summary>The connected collector's connection; null while none is.</summary>
    public CollectorSession? Session
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Makes <paramref name="session"/> the host's connection; a previous one is ended.</summary>
    public void Attach(CollectorSession session)
    {
        CollectorSession? previous;
        lock (_gate)
        {
            previous = _current;
            _current = session;
        }
        _logger.LogInformation("Host {Host}: a collector connected from {Address}.", HostId, session.RemoteAddress ?? "an unknown address");
        if (previous is not null)
        {
            _logger.LogInformation("Host {Host}: the collector's previous connection is replaced by the new one.", HostId);
            previous.Abort();
        }
    }

    /// <summary>Publishes what the collector sent, if <paramref name="session"/> is still the host's connection.</summary>
    public bool Receive(CollectorSession session, CollectorEnvelope envelope)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(session, _current))
            {
                return false;
            }
            session.Heard(_time.GetUtcNow());
            var observation = envelope.Observation;
            if (envelope.Instance == _instance && envelope.Sequence <= _applied)
            {
                observation = observation with { Events = [] }; // already applied: it only re-confirms the state
            }
            else
            {
                _instance = envelope.Instance;
                _applied = envelope.Sequence;
            }
            observation = observation with { Host = Rehost(observation.Host, session) };
            _lastHost = observation.Host;
            // Written under the lock: the order received is the order published.
            _published.Writer.TryWrite(observation);
            return true;
        }
    }

    public void Beat(CollectorSession session) => session.Heard(_time.GetUtcNow());

    /// <summary>The connection ended; if it was the host's, the host is disconnected with <paramref name="reason"/> (a clause).</summary>
    public void Detach(CollectorSession session, string reason)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(session, _current))
            {
                return;
            }
            _current = null;
            _published.Writer.TryWrite(new DaemonObservation
            {
                Host = _lastHost with { Connected = false, Error = $"The collector of host {HostId} {reason}." },
            });
        }
        _logger.LogWarning("Host {Host}: the collector {Reason}.", HostId, reason);
    }

    /// <summary>Asks the connected collector for a full re-read (nothing happens without one).</summary>
    public void RequestResync()
    {
        CollectorSession? current;
        lock (_gate)
        {
            current = _current;
        }
        if (current is not null)
        {
            _ = current.RequestResyncAsync().ContinueWith(t => _logger.LogDebug(t.Exception, "Host {Host}: the re-read request did not reach the collector.", HostId),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    public async Task RunAsync(Func<DaemonObservation, CancellationToken, ValueTask> publish, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = WatchSilenceAsync(stop.Token);
        try
        {
            await foreach (var observation in _published.Reader.ReadAllAsync(cancellationToken))
            {
                await publish(observation, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await stop.CancelAsync();
            await watch;
        }
    }

    /// <summary>Ends a connection that went silent: a frozen collector or a partition keeps its TCP connection open.</summary>
    private async Task WatchSilenceAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromTicks(Math.Max(_silence.Ticks / 12, TimeSpan.FromMilliseconds(10).Ticks));
        try
        {
            using var timer = new PeriodicTimer(period, _time);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                CollectorSession? current;
                lock (_gate)
                {
                    current = _current;
                }
                if (current is not null && _time.GetUtcNow() - current.LastHeard > _silence)
                {
                    Detach(current, string.Create(CultureInfo.InvariantCulture, $"sent nothing for {_silence.TotalSeconds:0.##} s (the collector, its host or the network between them is down)"));
                    current.Abort();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The host as the dashboard shows it: this entry's id and name, the collector's daemon endpoint and address.</summary>
    private ObservedHost Rehost(ObservedHost host, CollectorSession session) => host with
    {
        Id = _identity.Id,
        Name = _identity.Name != _identity.Id || string.IsNullOrWhiteSpace(host.Name) ? _identity.Name : host.Name,
        Endpoint = $"collector at {session.RemoteAddress ?? "an unknown address"}: {host.Endpoint}",
        LastSeenAt = null,
    };
}
