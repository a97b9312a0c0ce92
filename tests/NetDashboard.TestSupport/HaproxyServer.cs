using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace NetDashboard.TestSupport;

/// <summary>
/// Debian's <c>haproxy</c> in front of dashboard replicas: the configuration users copy
/// (<c>deploy/haproxy-replicas.cfg</c>) with its <c>bind</c> line replaced by a loopback port and its <c>server</c>
/// lines by one per replica (cookie value = the server's name), written to a temp folder and run in the foreground.
/// Dispose kills it and removes the folder. Needs <c>haproxy</c> (scripts/test.sh installs it).
/// </summary>
public sealed partial class HaproxyServer : IAsyncDisposable
{
    /// <summary>The cookie the shipped configuration pins a client to a replica with.</summary>
    public const string CookieName = "NetDashboardReplica";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("nd-haproxy-");
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private HaproxyServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The one address in front of the replicas.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>What haproxy wrote (server state changes), for a failure's message.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts haproxy on 127.0.0.1:<paramref name="port"/> (default: a free one) in front of <paramref name="servers"/>
    /// (name → the replica's own address), and waits until it answers <c>/healthz</c> through the front.
    /// </summary>
    public static async Task<HaproxyServer> StartAsync(IReadOnlyList<(string Name, Uri Address)> servers, int? port = null)
    {
        var proxy = new HaproxyServer(port ?? RedisServer.FreeLoopbackPort());
        try
        {
            await proxy.StartAsync(servers);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    /// <summary>The shipped configuration with this proxy's front and servers.</summary>
    public static string Configure(string shipped, int port, IReadOnlyList<(string Name, Uri Address)> servers)
    {
        var lines = shipped.Split('\n').ToList();
        var bind = lines.FindIndex(l => BindLine().IsMatch(l));
        var firstServer = lines.FindIndex(l => ServerLine().IsMatch(l));
        if (bind < 0 || firstServer < 0)
        {
            throw new InvalidOperationException("deploy/haproxy-replicas.cfg has no `bind` or no `server` line to replace.");
        }
        lines[bind] = $"    bind 127.0.0.1:{port}";
        lines.RemoveAll(l => ServerLine().IsMatch(l));
        lines.InsertRange(firstServer, servers.Select(s => $"    server {s.Name} {s.Address.Host}:{s.Address.Port} cookie {s.Name}"));
        return string.Join('\n', lines);
    }

    private async Task StartAsync(IReadOnlyList<(string Name, Uri Address)> servers)
    {
        var shipped = await File.ReadAllTextAsync(Path.Combine(NewerEngine.RepositoryRoot(), "deploy", "haproxy-replicas.cfg"));
        var config = Path.Combine(_dir.FullName, "haproxy.cfg");
        await File.WriteAllTextAsync(config, Configure(shipped, Port, servers));
        var info = new ProcessStartInfo("haproxy")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dir.FullName,
        };
        foreach (var arg in new[] { "-db", "-f", config })
        {
            info.ArgumentList.Add(arg);
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException("haproxy did not start.");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.WaitUntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"haproxy exited ({_process.ExitCode}): {Output}");
            }
            try
            {
                using var answer = await http.GetAsync("/healthz");
                return answer.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException)
            {
                return false;
            }
        }, $"haproxy answering /healthz on {BaseAddress}", TimeSpan.FromSeconds(30), () => Output, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>A cookie container that pins its client to the replica <paramref name="server"/> (as the cookie haproxy sets would).</summary>
    public CookieContainer PinTo(string server)
    {
        var cookies = new CookieContainer();
        cookies.Add(BaseAddress, new Cookie(CookieName, server));
        return cookies;
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit();
        }
        _process?.Dispose();
        try { _dir.Delete(recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"^\s+bind\s")]
    private static partial Regex BindLine();

    [GeneratedRegex(@"^\s+server\s")]
    private static partial Regex ServerLine();
}
