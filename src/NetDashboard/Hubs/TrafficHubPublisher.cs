using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using NetDashboard.Core.Traffic;
using NetDashboard.Traffic;

namespace NetDashboard.Hubs;

/// <summary>
/// The hub's <c>Traffic</c> messages: a connection that called <c>SubscribeTraffic()</c> gets the current document at
/// once, then each changed one — at most once per <see cref="MinInterval"/>, the newest winning. Like the topology
/// messages, each connection has its own bounded queue (one document: a newer one replaces an unsent older one) and
/// writer, so a slow client only delays itself. One subscription to the <see cref="TrafficFeed"/> for all clients.
/// </summary>
public sealed class TrafficHubPublisher(
    TrafficFeed monitor,
    IHubContext<TopologyHub, ITopologyClient> hub,
    TimeProvider time,
    ILogger<TrafficHubPublisher> logger) : IHostedService
{
    /// <summary>The contract's "at most once per second".</summary>
    public static TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Subscriber> _subscribers = new(StringComparer.Ordinal);
    private IDisposable? _subscription;

    public int SubscriberCount { get { lock (_gate) { return _subscribers.Count; } } }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = monitor.Subscribe(document =>
        {
            lock (_gate)
            {
                foreach (var subscriber in _subscribers.Values)
                {
                    subscriber.Offer(document);
                }
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        lock (_gate)
        {
            foreach (var subscriber in _subscribers.Values) subscriber.Close();
            _subscribers.Clear();
        }
        return Task.CompletedTask;
    }

    internal void Subscribe(string connectionId)
    {
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(connectionId, out var subscriber))
            {
                subscriber = new Subscriber(connectionId, this);
                _subscribers[connectionId] = subscriber;
                subscriber.Start();
            }
            subscriber.Offer(monitor.Current);
        }
    }

    internal void Detach(string connectionId)
    {
        lock (_gate)
        {
            if (_subscribers.Remove(connectionId, out var subscriber))
            {
                subscriber.Close();
            }
        }
    }

    private sealed class Subscriber(string id, TrafficHubPublisher owner)
    {
        private readonly Channel<TrafficDocument> _queue = Channel.CreateBounded<TrafficDocument>(new BoundedChannelOptions(1)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        });
        private readonly CancellationTokenSource _closed = new();

        public void Offer(TrafficDocument document) => _queue.Writer.TryWrite(document);

        public void Start() => _ = Task.Run(WriteLoopAsync);

        public void Close()
        {
            _queue.Writer.TryComplete();
            _closed.Cancel();
        }

        private async Task WriteLoopAsync()
        {
            var client = owner._hub.Clients.Client(id);
            try
            {
                await foreach (var document in _queue.Reader.ReadAllAsync(_closed.Token))
                {
                    await client.Traffic(document);
                    await Task.Delay(MinInterval, owner._time, _closed.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex)
            {
                owner._logger.LogDebug(ex, "Traffic writer for {ConnectionId} stopped.", id);
            }
        }
    }

    private readonly IHubContext<TopologyHub, ITopologyClient> _hub = hub;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
}
