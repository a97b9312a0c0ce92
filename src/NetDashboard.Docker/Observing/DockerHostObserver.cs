using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using NetDashboard.Core.Observation;
using NetDashboard.Docker.Connection;
using NetDashboard.Docker.Kernel;
using NetDashboard.Docker.Mapping;

namespace NetDashboard.Docker.Observing;

/// <summary>
/// Watches one Docker daemon: negotiates the API version, follows the event stream and re-reads what each burst of
/// events changed — the containers it names, or everything when an event is about more (see
/// <see cref="FollowAsync"/>). A full read is two list calls, whatever the container count, plus an inspect per newly
/// started container and, from API 1.52, one inspect per network for its address use; <c>/info</c> for its Swarm node,
/// and on a Swarm manager one list each of nodes, services and tasks. A periodic full resync is the safety
/// net. When the daemon goes away it publishes a disconnected host with the reason and retries with backoff until the
/// daemon is back (for a unix socket, the back-off is capped and the socket's path watched, so a returning daemon is
/// seen within seconds).
/// </summary>
public sealed partial class DockerHostObserver : IHostObserver
{
    private static readonly string[] WatchedEvents =
        ["create", "start", "restart", "stop", "die", "kill", "destroy", "rename", "pause", "unpause", "update", "connect", "disconnect", "remove"];

    private readonly ObservedHost _identity;
    private readonly DockerEndpoint _endpoint;
    private readonly DockerObserverOptions _options;
    private readonly ILogger _logger;
    private readonly LinuxInterfaceReader _interfaces;
    private readonly InspectCache _cache = new();
    private readonly ConcurrentDictionary<string, Task<InspectCache.Entry?>> _inspecting = new(StringComparer.Ordinal); // by container id and cache key
    private readonly DaemonInfoReader _info;
    private readonly NetworkStatusReader _networkStatus;
    private readonly ClockSkewWatch _clock;
    private readonly SwarmReader _swarm;
    private readonly Channel<ObserverSignal> _signals = Channel.CreateUnbounded<ObserverSignal>(new UnboundedChannelOptions { SingleReader = true });
    private ObservedHost _lastKnown;
    private string? _lastReason;

    public DockerHostObserver(string id, string name, DockerEndpoint endpoint, DockerObserverOptions options, ILogger logger)
    {
        _identity = new ObservedHost { Id = id, Name = name, Endpoint = endpoint.ToString() };
        _lastKnown = _identity;
        _endpoint = endpoint;
        _options = options;
        _logger = logger;
        _interfaces = new LinuxInterfaceReader(options.ProcPath, options.SysPath);
        _info = new DaemonInfoReader(id, logger);
        _networkStatus = new NetworkStatusReader(id, logger);
        _clock = new ClockSkewWatch(id, logger);
        _swarm = new SwarmReader(id, logger);
    }

    public string HostId => _identity.Id;

    public DockerEndpoint Endpoint => _endpoint;

    public ObservedHost Placeholder => _identity with { Error = $"No answer from the Docker daemon at {_endpoint} yet." };

    /// <summary>The number of containers whose inspect answer is cached (for tests and diagnostics).</summary>
    internal int CachedInspects => _cache.Count;

    /// <summary>Counts of API calls made, by kind (list-containers, list-networks, inspect, inspect-network, version, events).</summary>
    public DockerCallCounter Calls { get; } = new();

    public void RequestResync() => _signals.Writer.TryWrite(ObserverSignal.Resync.Now);

    public async Task RunAsync(Func<DaemonObservation, CancellationToken, ValueTask> publish, CancellationToken cancellationToken)
    {
        try
        {
            await RunUntilCancelledAsync(publish, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped on purpose.
        }
    }

    private async Task RunUntilCancelledAsync(Func<DaemonObservation, CancellationToken, ValueTask> publish, CancellationToken cancellationToken)
    {
        var delay = _options.MinRetryDelay;
        var maxDelay = _endpoint.IsLocalSocket && _options.SocketMaxRetryDelay < _options.MaxRetryDelay ? _options.SocketMaxRetryDelay : _options.MaxRetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            var connected = false;
            try
            {
                await RunSessionAsync(publish, () => connected = true, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                var reason = DockerErrorDescriber.Describe(ex, _endpoint);
                var logged = ex is DockerApiException ? null : ex; // its message carries the daemon's body: the reason quotes it safely
                if (reason != _lastReason)
                {
                    _logger.LogWarning(logged, "Host {Host}: {Reason}", HostId, reason);
                }
                else
                {
                    _logger.LogDebug(logged, "Host {Host}: {Reason}", HostId, reason);
                }
                _lastReason = reason;
                _cache.Clear();
                await publish(new DaemonObservation { Host = _lastKnown with { Connected = false, Error = reason } }, cancellationToken);
            }
            if (connected)
            {
                delay = _options.MinRetryDelay;
                _lastReason = null;
            }
            await WaitForRetryAsync(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks));
        }
    }

    private async Task RunSessionAsync(Func<DaemonObservation, CancellationToken, ValueTask> publish, Action onConnected, CancellationToken cancellationToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var client = await ConnectAsync(session.Token);

        var events = FollowEventsAsync(client, session.Token);
        try
        {
            var readStartedAt = _options.Time.GetUtcNow();
            var first = await ReadAsync(client, session.Token);
            await publish(first with { Cause = ObservationCause.Initial, Timing = new ObservationTiming(null, readStartedAt, _options.Time.GetUtcNow(), Incremental: false) }, session.Token);
            // Only a good first read resets the back-off: a daemon that answers its version and then nonsense is
            // retried with back-off like one that does not answer at all.
            onConnected();
            await FollowAsync(client, first, events, publish, session.Token);
        }
        finally
        {
            await session.CancelAsync();
            try
            {
                await events;
            }
            catch (Exception)
            {
                // The session is over either way; its cause was already reported.
            }
        }
    }

    private async Task<IDockerClient> ConnectAsync(CancellationToken cancellationToken)
    {
        VersionResponse version;
        using (var probe = DockerClientFactory.Create(_endpoint, apiVersion: null))
        {
            using var timeout = Timeout(cancellationToken, _options.ConnectTimeout);
            Calls.Increment("version");
            try
            {
                version = await probe.System.GetVersionAsync(timeout.Token)
                          ?? throw new DaemonAnswerException("answered its version request with nothing (null)");
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new DaemonAnswerException(string.Create(CultureInfo.InvariantCulture,
                    $"accepted the connection but did not answer its first request within {_options.ConnectTimeout.TotalSeconds:0.#} s"));
            }
        }
        var api = ApiVersionNegotiation.Negotiate(version.APIVersion, version.MinAPIVersion);
        var client = DockerClientFactory.Create(_endpoint, api);
        _lastKnown = _identity with
        {
            FirewallBackend = await _info.FirewallBackendAsync(client, api, _options.ConnectTimeout, Calls, cancellationToken),
            Connected = true,
            EngineVersion = DaemonText.OneLine(version.Version, 100),
            ApiVersion = ApiVersionNegotiation.Format(api),
            Os = string.IsNullOrEmpty(version.Os) ? null : $"{version.Os}/{version.Arch}",
            Product = DockerModelMapper.Product(version),
        };
        _logger.LogInformation("Host {Host}: {Product} {Engine} at {Endpoint}, speaking API {Api}.", HostId, _lastKnown.Product == Products.Podman ? "Podman" : "Docker", _lastKnown.EngineVersion, _endpoint, _lastKnown.ApiVersion);
        return client;
    }

    /// <summary>
    /// One full read: the network list, the container list, inspects for what changed (and, from API 1.52, of each
    /// network for its address use), the kernel's interfaces.
    /// </summary>
    private async Task<DaemonObservation> ReadAsync(IDockerClient client, CancellationToken cancellationToken)
    {
        IList<NetworkResponse> networks;
        IList<ContainerListResponse> containers;
        using (var timeout = Timeout(cancellationToken))
        {
            Calls.Increment("list-networks");
            networks = await client.Networks.ListNetworksAsync(new NetworksListParameters(), timeout.Token);
            Calls.Increment("list-containers");
            containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, timeout.Token);
        }
        if (networks is null || networks.Any(n => n is null))
        {
            throw new DaemonAnswerException("answered its network list with null instead of networks");
        }
        if (containers is null || containers.Any(c => c is null))
        {
            throw new DaemonAnswerException("answered its container list with null instead of containers");
        }

        var observed = containers.Select(DockerModelMapper.ToObserved).ToList();
        _cache.Retain(observed.Select(c => c.Id).ToHashSet(StringComparer.Ordinal));
        var details = new InspectCache.Entry?[observed.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, observed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.InspectParallelism, CancellationToken = cancellationToken },
            async (i, _) => details[i] = await DetailsAsync(client, observed[i], cancellationToken)); // the session's token: an inspect may outlive the read

        var observedNetworks = await _networkStatus.AddStatusAsync(client, _lastKnown.ApiVersion, networks.Select(DockerModelMapper.ToObserved).ToList(),
            _options.InspectParallelism, _options.RequestTimeout, Calls, cancellationToken);
        var local = _endpoint.IsLocalSocket;
        // Swarm membership can change while connected (a join, a leave, a promotion): read with every read. Podman has no Swarm.
        var (swarmNode, swarmCluster) = _lastKnown.Product == Products.Podman
            ? (null, null)
            : await _swarm.ReadAsync(client, _options.RequestTimeout, Calls, cancellationToken);
        _lastKnown = _lastKnown with { Swarm = swarmNode };
        return new DaemonObservation
        {
            Host = _lastKnown,
            SwarmCluster = swarmCluster,
            Networks = [.. observedNetworks],
            Containers = observed
                .Select((c, i) => c with { Inspect = details[i]?.Inspect, Interfaces = local ? details[i]?.Interfaces : null })
                .ToImmutableArray(),
            HostInterfaces = local ? _interfaces.ReadHost() : null,
        };
    }

    /// <summary>
    /// The container's inspect details: cached while its state and endpoints stay, else asked for. A full read waits
    /// for the answer; a partial one (<paramref name="wait"/> set) at most that long: a container the daemon holds (a
    /// start or stop in progress) is then published with its last details, and read again when its inspect answers.
    /// </summary>
    private async Task<InspectCache.Entry?> DetailsAsync(IDockerClient client, ObservedContainer container, CancellationToken cancellationToken, TimeSpan? wait = null)
    {
        if (_cache.TryGet(container, out var cached))
        {
            return cached;
        }
        var inspect = _inspecting.GetOrAdd(container.Id + "|" + InspectCache.KeyOf(container), key => InspectAsync(client, container, key, cancellationToken));
        if (wait is not { } limit || inspect.IsCompleted || await Task.WhenAny(inspect, Task.Delay(limit, _options.Time, cancellationToken)) == inspect)
        {
            return await inspect;
        }
        _ = inspect.ContinueWith(t =>
        {
            _ = t.Exception; // observed: the re-read asks again and meets the failure itself
            _signals.Writer.TryWrite(new ObserverSignal.Inspected(container.Id));
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return _cache.Last(container.Id);
    }

    private async Task<InspectCache.Entry?> InspectAsync(IDockerClient client, ObservedContainer container, string inflightKey, CancellationToken cancellationToken)
    {
        // Never finish inside GetOrAdd: a connect refused at once (the socket gone) would otherwise run the finally
        // below before GetOrAdd stores the task, and that failed task would answer every later session's inspect.
        await Task.Yield();
        try
        {
            ContainerInspectResponse response;
            try
            {
                using var timeout = Timeout(cancellationToken);
                Calls.Increment("inspect");
                response = await client.Containers.InspectContainerAsync(container.Id, timeout.Token)
                           ?? throw new DaemonAnswerException($"answered the inspect of container {container.Id} with nothing (null)");
            }
            catch (DockerContainerNotFoundException)
            {
                return null; // removed between the list and the inspect: the next read drops it
            }
            catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            var inspect = DockerModelMapper.ToObserved(response);
            var interfaces = _endpoint.IsLocalSocket && container.State == "running" ? _interfaces.ReadContainer(inspect.Pid) : null;
            var entry = new InspectCache.Entry(InspectCache.KeyOf(container), inspect, interfaces);
            _cache.Set(container, entry);
            return entry;
        }
        finally
        {
            _inspecting.TryRemove(inflightKey, out _);
        }
    }

    /// <summary>
    /// Waits <paramref name="delay"/> before the next attempt; a resync request (e.g. a user pressing "retry") cuts it
    /// short, and so does a unix socket path that appears or is created anew (the daemon is back).
    /// </summary>
    private async Task WaitForRetryAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        // What the lost session left queued (its event stream's end asks for a resync) must not cut the wait short.
        while (_signals.Reader.TryRead(out _))
        {
        }
        var socket = _endpoint.SocketPath;
        var seen = SocketState.Of(socket);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < delay && !cancellationToken.IsCancellationRequested)
        {
            var left = delay - clock.Elapsed;
            if (await WaitForResyncAsync(socket is null || left < _options.SocketPollInterval ? left : _options.SocketPollInterval, cancellationToken))
            {
                return;
            }
            var now = SocketState.Of(socket);
            if (now != seen && now.Exists)
            {
                return;
            }
            seen = now;
        }
    }

    /// <summary>True when a resync was asked for within <paramref name="slice"/>.</summary>
    private async Task<bool> WaitForResyncAsync(TimeSpan slice, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(slice);
        try
        {
            while (await _signals.Reader.WaitToReadAsync(wait.Token))
            {
                while (_signals.Reader.TryRead(out var signal))
                {
                    if (signal is ObserverSignal.Resync)
                    {
                        return true;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        return false;
    }

    private CancellationTokenSource Timeout(CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? _options.RequestTimeout);
        return cts;
    }
}
