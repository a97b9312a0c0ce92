using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace NetDashboard.Docker.Connection;

/// <summary>
/// An <c>ssh://[user@]host[:port]</c> daemon, reached the way the docker CLI reaches it: every connection the client
/// opens runs <c>ssh [-F config] [-l user] [-p port] host -- docker system dial-stdio</c> and its standard input and output
/// are the connection. The client talks to a unix socket in a private folder (mode 0700) that only this process
/// listens on; each connection accepted there gets its own ssh. ssh runs in batch mode (it never asks for a password
/// or to trust a host key): keys, known hosts and jumps come from the ssh configuration (the user's own
/// <c>~/.ssh/config</c>, or the file <see cref="DockerEndpoint.SshConfig"/> names). The daemon stays remote: its kernel
/// (veth names, NAT rules, connections) is out of reach, as for <c>tcp://</c>.
/// </summary>
internal sealed class SshRelay : IDisposable
{
    private static readonly ConcurrentDictionary<string, Lazy<SshRelay>> Relays = new(StringComparer.Ordinal);

    private readonly DockerEndpoint _endpoint;
    private readonly Socket _listener;
    private readonly string _folder;
    private readonly CancellationTokenSource _stop = new();
    private volatile string? _lastError;

    static SshRelay() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var relay in Relays.Values.Where(r => r.IsValueCreated))
        {
            relay.Value.Dispose();
        }
    };

    private SshRelay(DockerEndpoint endpoint)
    {
        _endpoint = endpoint;
        _folder = Directory.CreateTempSubdirectory("netdashboard-ssh-").FullName; // created 0700
        var path = Path.Combine(_folder, "docker.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(16);
        LocalUri = new Uri("unix://" + path);
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>The unix socket the Docker client connects to instead of the ssh:// address.</summary>
    public Uri LocalUri { get; }

    /// <summary>The one relay of an ssh:// endpoint in this process (started on first use).</summary>
    public static Uri LocalUriOf(DockerEndpoint endpoint) =>
        Relays.GetOrAdd($"{endpoint.Uri}|{endpoint.SshConfig}", _ => new Lazy<SshRelay>(() => new SshRelay(endpoint))).Value.LocalUri;

    /// <summary>What ssh said when its last connection failed (one line, ssh's own words); null after one that worked.</summary>
    public static string? LastErrorOf(DockerEndpoint endpoint) =>
        Relays.TryGetValue($"{endpoint.Uri}|{endpoint.SshConfig}", out var relay) && relay.IsValueCreated ? relay.Value._lastError : null;

    /// <summary>The ssh command line for one connection.</summary>
    public static string[] Command(DockerEndpoint endpoint)
    {
        var uri = endpoint.Uri;
        var command = new List<string> { "ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=10" };
        if (!string.IsNullOrWhiteSpace(endpoint.SshConfig))
        {
            command.AddRange(["-F", endpoint.SshConfig]);
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            command.AddRange(["-l", Uri.UnescapeDataString(uri.UserInfo)]);
        }
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            command.AddRange(["-p", uri.Port.ToString(CultureInfo.InvariantCulture)]);
        }
        command.AddRange(["--", uri.Host, "docker", "system", "dial-stdio"]);
        return [.. command];
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    /// <summary>One connection: the client's socket to one ssh process, both ways, until either side ends.</summary>
    private async Task RelayAsync(Socket client)
    {
        var command = Command(_endpoint);
        var psi = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in command[1..])
        {
            psi.ArgumentList.Add(arg);
        }
        using var socket = client;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            _lastError = "the ssh client is not installed where the dashboard runs";
            return; // the connection closes; the observer says why with the sentence above
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(); // drained, so ssh never blocks on it
            var up = CopyAsync(stream, process.StandardInput.BaseStream, closeTarget: true);
            var down = CopyAsync(process.StandardOutput.BaseStream, stream, closeTarget: false);
            if (await Task.WhenAny(up, down) == down)
            {
                if (await down > 0)
                {
                    _lastError = null;
                }
                else if (await Task.WhenAny(stderr, Task.Delay(TimeSpan.FromSeconds(2))) == stderr)
                {
                    // Nothing came back: ssh (or the remote docker CLI) failed before the daemon answered. Keep what it said.
                    var said = (await stderr).Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
                    _lastError = Observing.DaemonText.OneLine(said ?? "ssh ended without a word")?.TrimEnd('.');
                }
            }
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Already closed by the client.
            }
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Copies until either side ends; answers how many bytes went through.</summary>
    private async Task<long> CopyAsync(Stream from, Stream to, bool closeTarget)
    {
        var copied = 0L;
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                await to.FlushAsync(_stop.Token);
                copied += read;
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // One side ended.
        }
        finally
        {
            if (closeTarget)
            {
                try
                {
                    to.Close();
                }
                catch (IOException)
                {
                    // ssh already gone.
                }
            }
        }
        return copied;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaning.
        }
    }
}
