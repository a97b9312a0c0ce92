using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.Hubs;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.Hub;

/// <summary>A .NET SignalR client of /hubs/topology that keeps its own document: Snapshot + every Changed (TopologyDiff.Apply).</summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private TopologySnapshot? _document;
    private readonly TaskCompletionSource _firstSnapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HubConnection Connection { get; }
    public ConcurrentQueue<string> Log { get; } = new(); // "S:<rev>" or "C:<from>-><to>" in arrival order
    public int Snapshots;
    public int Changes;
    public int Gaps;
    /// <summary>Reconnections (clients made with <c>reconnect: true</c>): each brings a fresh Snapshot.</summary>
    public int Reconnects;
    /// <summary>Snapshots older than the document the client already held (a revision that went back).</summary>
    public int Backwards;
    /// <summary>Awaited inside every Changed handler before it is applied (to make a slow client).</summary>
    public Func<Task>? BeforeChanged { get; set; }
    /// <summary>When set, the next Changed is logged ("C!:from->to") but not applied: a message lost on the way.</summary>
    public bool DropNextChanged { get; set; }

    public HubTestClient(DashboardFactory factory, bool messagePack, HttpTransportType? transport = null)
        : this(new Uri(factory.Server.BaseAddress, TopologyHub.Path), messagePack, o =>
        {
            o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            // SSE is text-only: MessagePack needs long polling here (no real socket for WebSockets in the test host).
            o.Transports = transport ?? (messagePack ? HttpTransportType.LongPolling : HttpTransportType.ServerSentEvents);
        })
    {
    }

    /// <summary>
    /// A client of a real server (a replica process, or haproxy in front of replicas): WebSockets by default, as a
    /// browser would use; <paramref name="cookies"/> to start with (e.g. pinned to one replica behind haproxy);
    /// <paramref name="reconnect"/>: it reconnects by itself (every 250 ms for a minute) when the connection drops.
    /// </summary>
    public HubTestClient(Uri server, bool messagePack, HttpTransportType transport = HttpTransportType.WebSockets,
        System.Net.CookieContainer? cookies = null, bool reconnect = false)
        : this(new Uri(server, TopologyHub.Path), messagePack, o =>
        {
            o.Transports = transport;
            if (cookies is not null)
            {
                o.Cookies = cookies;
            }
        }, reconnect)
    {
    }

    private sealed class EveryQuarterSecond : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) =>
            context.ElapsedTime < TimeSpan.FromMinutes(1) ? TimeSpan.FromMilliseconds(250) : null;
    }

    private HubTestClient(Uri hub, bool messagePack, Action<HttpConnectionOptions> configure, bool reconnect = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(hub, configure);
        if (reconnect)
        {
            builder.WithAutomaticReconnect(new EveryQuarterSecond());
        }
        if (messagePack)
        {
            builder.AddMessagePackProtocol(o => o.SerializerOptions = TopologyMessagePackResolver.Configure(o.SerializerOptions));
        }
        else
        {
            builder.AddJsonProtocol(o => TopologyJson.Configure(o.PayloadSerializerOptions));
        }
        Connection = builder.Build();
        Connection.Reconnected += _ =>
        {
            Interlocked.Increment(ref Reconnects);
            Log.Enqueue("R");
            return Task.CompletedTask;
        };
        Connection.On<TopologySnapshot>("Snapshot", snapshot =>
        {
            lock (_gate)
            {
                if (_document is not null && snapshot.Revision < _document.Revision)
                {
                    Interlocked.Increment(ref Backwards);
                }
                _document = snapshot;
                Documents[snapshot.Revision] = TopologyJson.Serialize(snapshot with { GeneratedAt = DateTimeOffset.UnixEpoch });
            }
            Interlocked.Increment(ref Snapshots);
            Log.Enqueue($"S:{snapshot.Revision}");
            _firstSnapshot.TrySetResult();
        });
        Connection.On<TopologyDelta>("Changed", async delta =>
        {
            if (BeforeChanged is { } wait) await wait();
            if (DropNextChanged)
            {
                DropNextChanged = false;
                Log.Enqueue($"C!:{delta.FromRevision}->{delta.ToRevision}");
                return;
            }
            Log.Enqueue($"C:{delta.FromRevision}->{delta.ToRevision}");
            Interlocked.Increment(ref Changes);
            bool gap;
            lock (_gate)
            {
                gap = _document is null || _document.Revision != delta.FromRevision;
                if (!gap)
                {
                    _document = TopologyDiff.Apply(_document!, delta);
                    Documents[delta.ToRevision] = TopologyJson.Serialize(_document with { GeneratedAt = DateTimeOffset.UnixEpoch });
                }
            }
            if (gap)
            {
                Interlocked.Increment(ref Gaps);
                await Connection.InvokeAsync("Resync");
            }
        });
    }

    public TopologySnapshot? Document { get { lock (_gate) { return _document; } } }

    /// <summary>
    /// Every revision the client held, as JSON without its time (a delta does not carry generatedAt).
    /// </summary>
    public ConcurrentDictionary<long, string> Documents { get; } = new();

    public async Task StartAsync()
    {
        await Connection.StartAsync();
        await _firstSnapshot.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task<TopologySnapshot> WaitForAsync(Func<TopologySnapshot, bool> condition, TimeSpan timeout, string what)
    {
        TopologySnapshot? seen = null;
        await Eventually.WaitUntilAsync(() => Document is { } d && condition(seen = d), "the hub client showing " + what, timeout,
            () => "log: " + string.Join(' ', Log));
        return seen!;
    }

    /// <summary>The document as canonical JSON without generatedAt.</summary>
    public static JsonNode Canonical(JsonNode node)
    {
        node.AsObject().Remove("generatedAt");
        return node;
    }

    public static JsonNode Canonical(TopologySnapshot snapshot) => Canonical(JsonNode.Parse(TopologyJson.Serialize(snapshot))!);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
