using System.Net.Sockets;
using System.Text;

namespace NetDashboard.TestSupport;

/// <summary>How a <see cref="FaultyDaemon"/> misbehaves.</summary>
public enum DaemonFault
{
    /// <summary>Accepts every connection and never answers a byte.</summary>
    Silent,
    /// <summary>Answers its version properly, then JSON of the wrong shape to every list (an object where an array belongs).</summary>
    MalformedJson,
    /// <summary>Answers a version whose fields are null but its API version, then <c>null</c> to everything else.</summary>
    Nulls,
    /// <summary>Answers <c>null</c> to everything, its version too.</summary>
    NullVersion,
}

/// <summary>
/// A "daemon" on a unix socket of a temp path that speaks just enough HTTP/1.1 to misbehave as
/// <see cref="DaemonFault"/> says: for tests of what the dashboard shows when a daemon hangs or answers nonsense.
/// Disposing closes every connection and removes the socket.
/// </summary>
public sealed class FaultyDaemon : IAsyncDisposable
{
    private const string Version = """{"ApiVersion":"1.41","MinAPIVersion":"1.12","Version":"20.10.24","Os":"linux","Arch":"amd64"}""";
    private const string NullFieldsVersion = """{"ApiVersion":"1.41","MinAPIVersion":null,"Version":null,"Os":null,"Arch":null,"Components":null}""";

    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _connections = [];
    private readonly Task _accepting;

    private FaultyDaemon(DaemonFault fault)
    {
        Fault = fault;
        SocketPath = Path.Combine(Path.GetTempPath(), $"nd-faulty-{Guid.NewGuid():N}.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(64);
        _accepting = Task.Run(AcceptAsync);
    }

    public DaemonFault Fault { get; }

    public string SocketPath { get; }

    /// <summary><c>unix://</c> + the socket's path.</summary>
    public string Endpoint => "unix://" + SocketPath;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted { get; private set; }

    public static FaultyDaemon Start(DaemonFault fault) => new(fault);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            lock (_connections)
            {
                _connections.Add(connection);
                Accepted++;
            }
            if (Fault != DaemonFault.Silent)
            {
                _ = Task.Run(() => ServeAsync(connection));
            }
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        var buffer = new byte[16384];
        var pending = new StringBuilder();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var read = await connection.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }
                pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                int end;
                while ((end = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                {
                    var head = pending.ToString(0, end);
                    pending.Remove(0, end + 4);
                    var path = head.Split(' ', 3) is [_, var target, ..] ? target.Split('?')[0] : "/";
                    if (path.EndsWith("/events", StringComparison.Ordinal))
                    {
                        // The event stream: headers, then silence (as a daemon with nothing to say).
                        await connection.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"), SocketFlags.None, _stop.Token);
                        continue;
                    }
                    var body = Encoding.UTF8.GetBytes(Answer(path));
                    var response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nApi-Version: 1.41\r\nContent-Length: {body.Length}\r\n\r\n");
                    await connection.SendAsync(response.Concat(body).ToArray(), SocketFlags.None, _stop.Token);
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (SocketException)
        {
            // The client went away.
        }
    }

    private string Answer(string path)
    {
        var isVersion = path.EndsWith("/version", StringComparison.Ordinal);
        return Fault switch
        {
            DaemonFault.MalformedJson => isVersion ? Version : """{"message":{"not":"a list"},"Id":[1,2,3]}""",
            DaemonFault.Nulls => isVersion ? NullFieldsVersion : "null",
            _ => "null",
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (Exception)
        {
            // Stopping anyway.
        }
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }
        File.Delete(SocketPath);
        _stop.Dispose();
    }
}
