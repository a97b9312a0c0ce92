using System.Net.Sockets;
using System.Text;

namespace NetDashboard.TestSupport;

/// <summary>
/// A unix socket that passes every byte to and from a real daemon's socket, and breaks that path on demand the way
/// faults break it: every connection cut at once (a daemon restart), the socket file removed and made again, its
/// permissions taken away, or the event stream cut off in the middle of a message. The daemon behind it is real;
/// only the path to it is made to fail.
/// </summary>
public sealed class SocketRelay : IAsyncDisposable
{
    private readonly string _upstream;
    private readonly List<Pair> _pairs = [];
    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;
    private TaskCompletionSource<long>? _eventCut;
    private TaskCompletionSource? _removeOnList;

    private SocketRelay(string upstream, string path)
    {
        _upstream = upstream;
        SocketPath = path;
    }

    /// <summary>The relay's own socket: point the dashboard at <see cref="Endpoint"/>.</summary>
    public string SocketPath { get; }

    /// <summary><c>unix://</c> + <see cref="SocketPath"/>.</summary>
    public string Endpoint => "unix://" + SocketPath;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted { get; private set; }

    /// <summary>Connections open right now.</summary>
    public int Open
    {
        get
        {
            lock (_pairs)
            {
                return _pairs.Count;
            }
        }
    }

    /// <summary>Event streams (<c>GET …/events</c>) open right now.</summary>
    public int OpenEventStreams
    {
        get
        {
            lock (_pairs)
            {
                return _pairs.Count(p => p.IsEventStream);
            }
        }
    }

    /// <summary>Relays a fresh temp socket to <paramref name="upstreamSocket"/> (the local dockerd by default).</summary>
    public static SocketRelay Start(string upstreamSocket = "/var/run/docker.sock")
    {
        var relay = new SocketRelay(upstreamSocket, Path.Combine(Path.GetTempPath(), $"nd-relay-{Guid.NewGuid():N}.sock"));
        relay.Listen();
        return relay;
    }

    /// <summary>Cuts every open connection now, as a daemon that dies does; new connections are relayed as before.</summary>
    public void CutAll()
    {
        Pair[] pairs;
        lock (_pairs)
        {
            pairs = [.. _pairs];
        }
        foreach (var pair in pairs)
        {
            pair.Close();
        }
    }

    /// <summary>Removes the socket file (a new connection finds nothing there) and cuts every open connection.</summary>
    public async Task RemoveAsync()
    {
        var listener = _listener;
        _listener = null;
        listener?.Dispose();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        File.Delete(SocketPath);
        CutAll();
    }

    /// <summary>Makes the socket file again at the same path, after <see cref="RemoveAsync"/>.</summary>
    public void Restore()
    {
        if (_listener is null)
        {
            Listen();
        }
    }

    /// <summary>Sets the socket file's permissions (e.g. none at all, to refuse a process without CAP_DAC_OVERRIDE).</summary>
    public void SetMode(UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Unix file modes need Linux.");
        }
        File.SetUnixFileMode(SocketPath, mode);
    }

    /// <summary>
    /// Arms a cut of the event stream: the next bytes the daemon sends on a <c>/events</c> connection after its headers
    /// are passed on only in part, then that connection is closed. The task completes when the cut was made, with the
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp of that moment (a loaded machine may run the test's
    /// continuation much later).
    /// </summary>
    public Task<long> CutEventStreamMidMessageAsync()
    {
        var cut = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _eventCut, cut);
        return cut.Task;
    }

    /// <summary>
    /// Arms a removal of the socket file at the next container list (<c>GET …/containers/json</c>): the list itself is
    /// answered on its open connection, the connections opened after it (the inspects) find no socket. The task
    /// completes when the file is gone; <see cref="Restore"/> brings it back.
    /// </summary>
    public Task RemoveAtNextContainerListAsync()
    {
        var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _removeOnList, armed);
        return armed.Task;
    }

    private void RemoveFileNow()
    {
        var listener = _listener;
        _listener = null;
        listener?.Dispose();
        File.Delete(SocketPath);
    }

    private void Listen()
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        listener.Listen(128);
        _listener = listener;
        _accepting = Task.Run(() => AcceptAsync(listener));
    }

    private async Task AcceptAsync(Socket listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException or OperationCanceledException)
            {
                return; // removed or stopped
            }
            var upstream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await upstream.ConnectAsync(new UnixDomainSocketEndPoint(_upstream), _stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                upstream.Dispose();
                client.Dispose();
                continue;
            }
            var pair = new Pair(this, client, upstream);
            lock (_pairs)
            {
                _pairs.Add(pair);
                Accepted++;
            }
            pair.Start();
        }
    }

    private void Forget(Pair pair)
    {
        lock (_pairs)
        {
            _pairs.Remove(pair);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await RemoveAsync();
        _stop.Dispose();
    }

    /// <summary>One client connection and its connection to the daemon, with a pump each way.</summary>
    private sealed class Pair(SocketRelay relay, Socket client, Socket upstream)
    {
        private volatile bool _isEventStream;
        private int _closed;

        public bool IsEventStream => _isEventStream;

        public void Start()
        {
            _ = Task.Run(() => PumpAsync(client, upstream, toDaemon: true));
            _ = Task.Run(() => PumpAsync(upstream, client, toDaemon: false));
        }

        private async Task PumpAsync(Socket from, Socket to, bool toDaemon)
        {
            var buffer = new byte[64 * 1024];
            var headersDone = false;
            try
            {
                while (true)
                {
                    var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                    if (read == 0)
                    {
                        break;
                    }
                    if (toDaemon && !_isEventStream && Encoding.ASCII.GetString(buffer, 0, Math.Min(read, 256)) is var head
                        && head.StartsWith("GET ", StringComparison.Ordinal) && head.Split(' ', 3)[1].Split('?')[0].EndsWith("/events", StringComparison.Ordinal))
                    {
                        _isEventStream = true;
                    }
                    if (toDaemon && relay._removeOnList is not null && Encoding.ASCII.GetString(buffer, 0, Math.Min(read, 256)) is var request
                        && request.StartsWith("GET ", StringComparison.Ordinal) && request.Split(' ', 3)[1].Split('?')[0].EndsWith("/containers/json", StringComparison.Ordinal)
                        && Interlocked.Exchange(ref relay._removeOnList, null) is { } removal)
                    {
                        relay.RemoveFileNow();
                        removal.TrySetResult();
                    }
                    if (!toDaemon && _isEventStream)
                    {
                        var bodyStart = 0;
                        if (!headersDone)
                        {
                            var end = Encoding.ASCII.GetString(buffer, 0, read).IndexOf("\r\n\r\n", StringComparison.Ordinal);
                            headersDone = end >= 0;
                            bodyStart = end >= 0 ? end + 4 : read;
                        }
                        if (headersDone && read - bodyStart > 1 && Interlocked.Exchange(ref relay._eventCut, null) is { } cut)
                        {
                            await to.SendAsync(buffer.AsMemory(0, bodyStart + (read - bodyStart) / 2), SocketFlags.None);
                            var at = System.Diagnostics.Stopwatch.GetTimestamp();
                            Close();
                            cut.TrySetResult(at);
                            return;
                        }
                    }
                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
            Close();
        }

        public void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1)
            {
                return;
            }
            foreach (var socket in new[] { client, upstream })
            {
                try
                {
                    socket.Shutdown(SocketShutdown.Both);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                }
                socket.Dispose();
            }
            relay.Forget(this);
        }
    }
}
