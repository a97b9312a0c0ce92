using System.Net;
using System.Net.Sockets;

namespace NetDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Makes a server on the host's loopback reachable from the browser's namespace at the SAME address: it listens on
/// 127.0.0.1:P inside the namespace (<see cref="LoopbackNamespace.Listen"/>) and passes every connection to
/// 127.0.0.1:P of the host, where the test starts its server. Used for the OpenID Connect provider, whose one URL both
/// the browser (front channel) and the dashboard (back channel) must reach.
/// </summary>
public sealed class NamespaceBridge : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();

    public NamespaceBridge(LoopbackNamespace browserNamespace)
    {
        var (handle, port) = browserNamespace.Listen();
        Port = port;
        _listener = new Socket(new SafeSocketHandle((IntPtr)(long)handle, ownsHandle: true));
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>The port, the same on both sides.</summary>
    public int Port { get; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket inside;
            try
            {
                inside = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (inside)
                using (var host = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
                {
                    try
                    {
                        await host.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), _stop.Token);
                        await using var a = new NetworkStream(inside, ownsSocket: false);
                        await using var b = new NetworkStream(host, ownsSocket: false);
                        await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
                    }
                    catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
                    {
                        // One side went away.
                    }
                }
            });
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _stop.Dispose();
    }
}
