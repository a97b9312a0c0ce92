using System.Net.Sockets;

namespace NetDashboard.TestSupport;

/// <summary>
/// A unix socket of a temp path that relays every connection, byte for byte, to a real daemon's socket: a daemon
/// outage on demand without touching the shared daemon. <see cref="Cut"/> drops every connection and removes the
/// socket (as a stopped daemon does); <see cref="Restore"/> listens on the same path again. Disposing cuts for good.
/// </summary>
public sealed class SocketRelay : IAsyncDisposable
{
    private readonly string _target;
    private readonly List<Socket> _connections = [];
    private Socket? _listener;
    private CancellationTokenSource _stop = new();

    private SocketRelay(string target)
    {
        _target = target;
        SocketPath = Path.Combine(Path.GetTempPath(), $"nd-relay-{Guid.NewGuid():N}.sock");
    }

    public string SocketPath { get; }

    /// <summary><c>unix://</c> + the socket's path.</summary>
    public string Endpoint => "unix://" + SocketPath;

    public static SocketRelay Start(string targetSocket = "/var/run/docker.sock")
    {
        var relay = new SocketRelay(targetSocket);
        relay.Restore();
        return relay;
    }

    /// <summary>Listens again (after <see cref="Cut"/>).</summary>
    public void Restore()
    {
        _stop = new CancellationTokenSource();
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(64);
        var listener = _listener;
        var stop = _stop.Token;
        _ = Task.Run(() => AcceptAsync(listener, stop));
    }

    /// <summary>Closes the socket and every relayed connection, and removes the socket's file.</summary>
    public void Cut()
    {
        _stop.Cancel();
        _listener?.Dispose();
        _listener = null;
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
            _connections.Clear();
        }
        File.Delete(SocketPath);
    }

    private async Task AcceptAsync(Socket listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            var upstream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                client = await listener.AcceptAsync(stop);
                await upstream.ConnectAsync(new UnixDomainSocketEndPoint(_target), stop);
            }
            catch (Exception)
            {
                upstream.Dispose();
                if (stop.IsCancellationRequested)
                {
                    return;
                }
                continue;
            }
            lock (_connections)
            {
                _connections.Add(client);
                _connections.Add(upstream);
            }
            _ = PumpAsync(client, upstream, stop);
            _ = PumpAsync(upstream, client, stop);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken stop)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, stop)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stop);
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception)
        {
            // Cut, or one side went away: the other side sees the connection end.
            from.Dispose();
            to.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
