using System.Collections.Immutable;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using NetDashboard.Core.Observation;
using NetDashboard.Docker.Mapping;

namespace NetDashboard.Docker.Observing;

/// <summary>
/// The observer's loop after its first read: each burst of events is served by re-reading only the containers it names
/// (one filtered list call and their inspects, the rest of the last read kept), and by a full read when an event is not
/// about one container (a network created or removed, a Swarm service or node), when a resync is asked for, when the
/// interval passes, or when a read keeps failing to show what an event announced (<see cref="EventExpectations"/>).
/// </summary>
public sealed partial class DockerHostObserver
{
    /// <summary>The most containers one burst may name for a partial read; a bigger burst is read whole.</summary>
    internal const int MaxPartialReadContainers = 32;

    private async Task FollowAsync(
        IDockerClient client, DaemonObservation last, Task events, Func<DaemonObservation, CancellationToken, ValueTask> publish, CancellationToken cancellationToken)
    {
        var expectations = new EventExpectations();
        while (true)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                wait.CancelAfter(expectations.Any ? expectations.NextRetry() : _options.ResyncInterval);
                // Wakes on a signal, on the interval (re-read anyway) or a re-check, or on the event stream's end itself:
                // the signal its end sends may already have been taken with the last burst, and a dead stream must never
                // wait for the next resync to be noticed (a proxy that cuts an idle stream, with the daemon still up).
                await Task.WhenAny(_signals.Reader.WaitToReadAsync(wait.Token).AsTask(), events);
                await wait.CancelAsync();
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (events.IsCompleted)
            {
                await EndOfEventsAsync(events);
            }
            // Take the whole burst: one read serves every event that arrived meanwhile.
            var burst = ImmutableArray.CreateBuilder<ObservedEvent>();
            var named = new HashSet<string>(StringComparer.Ordinal);
            var whole = false;
            var sawEvent = false;
            var inspected = false;
            DateTimeOffset? firstEventAt = null;
            while (_signals.Reader.TryRead(out var signal))
            {
                if (signal is ObserverSignal.Inspected { ContainerId: var inspectedId })
                {
                    named.Add(inspectedId); // a slow inspect has answered: read that container again
                    inspected = true;
                    continue;
                }
                if (signal is not ObserverSignal.Event { Message: var message, ReceivedAt: var receivedAt })
                {
                    whole = true; // a resync was asked for
                    continue;
                }
                Invalidate(message);
                sawEvent = true;
                firstEventAt ??= receivedAt;
                _clock.Note(message, receivedAt);
                expectations.Note(message, receivedAt);
                if (EventExpectations.IsAboutOneContainer(message, out var id))
                {
                    named.Add(id);
                }
                else
                {
                    whole = true;
                }
                if (DockerEventMapper.ToObserved(message, receivedAt) is { } observed)
                {
                    burst.Add(observed);
                }
            }
            // A read that follows events (or re-checks what they announced) saw what they did; any other read is a
            // resync, and what it finds changed is recorded as such.
            var recheck = !sawEvent && !whole && (expectations.Any || inspected);
            var cause = sawEvent || recheck ? ObservationCause.Event : ObservationCause.Resync;
            named.UnionWith(expectations.Containers);
            var overdue = expectations.Overdue;
            var why = whole ? "an event not about one container, or a resync asked for"
                : !sawEvent && !recheck ? "the resync interval"
                : overdue ? $"the daemon's records did not show its last events within {EventExpectations.Patience.TotalMilliseconds} ms"
                : named.Count > MaxPartialReadContainers ? $"{named.Count} containers changed"
                : null;
            whole = why is not null;
            if (why is not null)
            {
                _logger.LogDebug("Host {Host}: reading everything: {Why}.", HostId, why);
            }
            var readStartedAt = _options.Time.GetUtcNow();
            var read = whole ? await ReadAsync(client, cancellationToken) : await ReadContainersAsync(client, last, named, cancellationToken);
            var timing = new ObservationTiming(firstEventAt, readStartedAt, _options.Time.GetUtcNow(), Incremental: !whole);
            if (overdue)
            {
                expectations.Clear(); // the full read settles the doubt; what it still misses, the next events or resync bring
            }
            else
            {
                expectations.Settle(read, whole ? null : named, readStartedAt);
            }
            last = read;
            await publish(read with { Cause = cause, Events = burst.ToImmutable(), Timing = timing }, cancellationToken);
        }
    }

    /// <summary>
    /// A partial read: the containers named (one list call filtered by their ids, which answers exactly what the full
    /// list would say of them, and an inspect of each one that changed), the rest of <paramref name="last"/> kept as it
    /// was; the kernel's interfaces read again (a start adds a veth), and on API 1.52+ the address use of the networks
    /// those containers are or were on.
    /// </summary>
    private async Task<DaemonObservation> ReadContainersAsync(IDockerClient client, DaemonObservation last, IReadOnlySet<string> ids, CancellationToken cancellationToken)
    {
        IList<ContainerListResponse> listed;
        using (var timeout = Timeout(cancellationToken))
        {
            Calls.Increment("list-containers-by-id");
            listed = await client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["id"] = ids.ToDictionary(i => i, _ => true) },
            }, timeout.Token);
        }
        if (listed is null || listed.Any(c => c is null))
        {
            throw new DaemonAnswerException("answered its container list with null instead of containers");
        }
        // The id filter matches prefixes: a full id matches only itself, but keep only what was asked for.
        var observed = listed.Select(DockerModelMapper.ToObserved).Where(c => ids.Contains(c.Id)).ToList();
        var details = new InspectCache.Entry?[observed.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, observed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.InspectParallelism, CancellationToken = cancellationToken },
            async (i, _) => details[i] = await DetailsAsync(client, observed[i], cancellationToken, _options.InspectWait)); // the session's token: an inspect may outlive the read
        var local = _endpoint.IsLocalSocket;
        var fresh = observed
            .Select((c, i) => c with { Inspect = details[i]?.Inspect, Interfaces = local ? details[i]?.Interfaces : null })
            .ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var gone in ids.Where(id => !fresh.ContainsKey(id)))
        {
            _cache.Remove(gone);
        }

        // Newest first, as the daemon lists them: a new container goes in front, a known one keeps its place.
        var containers = ImmutableArray.CreateBuilder<ObservedContainer>(last.Containers.Length + fresh.Count);
        containers.AddRange(fresh.Values.Where(c => !last.Containers.Any(o => o.Id == c.Id)));
        foreach (var c in last.Containers)
        {
            if (!ids.Contains(c.Id))
            {
                containers.Add(c);
            }
            else if (fresh.TryGetValue(c.Id, out var now))
            {
                containers.Add(now);
            }
        }
        var touched = last.Containers.Where(c => ids.Contains(c.Id)).Concat(fresh.Values)
            .SelectMany(c => c.Endpoints).Select(e => e.NetworkId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return last with
        {
            Host = _lastKnown,
            Networks = await RefreshStatusAsync(client, last.Networks, touched, cancellationToken),
            Containers = containers.ToImmutable(),
            HostInterfaces = local ? _interfaces.ReadHost() : null,
        };
    }

    /// <summary>On API 1.52+, the address use of the networks in <paramref name="touched"/> read again; the others kept.</summary>
    private async Task<ImmutableArray<ObservedNetwork>> RefreshStatusAsync(
        IDockerClient client, ImmutableArray<ObservedNetwork> networks, IReadOnlySet<string> touched, CancellationToken cancellationToken)
    {
        var stale = networks.Where(n => touched.Contains(n.Id)).ToList();
        if (stale.Count == 0)
        {
            return networks;
        }
        var refreshed = (await _networkStatus.AddStatusAsync(client, _lastKnown.ApiVersion, stale, _options.InspectParallelism, _options.RequestTimeout, Calls, cancellationToken))
            .ToDictionary(n => n.Id, StringComparer.Ordinal);
        return [.. networks.Select(n => refreshed.GetValueOrDefault(n.Id) ?? n)];
    }
}
