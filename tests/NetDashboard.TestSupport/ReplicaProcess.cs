using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace NetDashboard.TestSupport;

/// <summary>
/// One dashboard replica as its own process (<c>dotnet NetDashboard.dll</c> on a random loopback port) watching the
/// real dockerd, joined to the replicas of <paramref name="redis"/>; its data folder is a fresh temp folder.
/// <see cref="Kill"/> ends it with SIGKILL (no clean stop, the lease is not given back); dispose kills it too.
/// </summary>
public sealed class ReplicaProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("nd-replica-");
    private readonly ConcurrentQueue<string> _output = new();
    private int _disposed;

    public ReplicaProcess(string name, string redis, IReadOnlyDictionary<string, string>? settings = null)
    {
        Name = name;
        Port = RedisServer.FreeLoopbackPort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NetDashboard.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        info.Environment["NetDashboard__Replicas__Redis"] = redis;
        info.Environment["NetDashboard__DataDirectory"] = _data.FullName;
        info.Environment["NetDashboard__ResyncSeconds"] = "300"; // what the replicas show comes from the event stream
        info.Environment["NetDashboard__History__Enabled"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__NetDashboard.Replicas"] = "Information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public HttpClient Http { get; }

    /// <summary>What the process wrote (its log), for a failure's message.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>The <c>replica</c> part of <c>/healthz</c>: role ("leader", "follower", "alone", "starting") and problem; null while not answering.</summary>
    public async Task<(string Role, string? Problem, long Revision)?> HealthAsync()
    {
        try
        {
            using var doc = JsonDocument.Parse(await Http.GetStringAsync("/healthz"));
            var replica = doc.RootElement.GetProperty("replica");
            var problem = replica.GetProperty("problem");
            return (replica.GetProperty("role").GetString()!, problem.ValueKind == JsonValueKind.String ? problem.GetString() : null,
                doc.RootElement.GetProperty("revision").GetInt64());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits until <c>/healthz</c> says this replica has <paramref name="role"/>.</summary>
    public Task WaitForRoleAsync(string role, TimeSpan? timeout = null) =>
        Eventually.WaitUntilAsync(async () => (await HealthAsync())?.Role == role, $"{Name} being {role}", timeout ?? TimeSpan.FromSeconds(60),
            () => Output, TimeSpan.FromMilliseconds(100));

    /// <summary>The exact bytes of <c>GET /api/topology</c>, and the revision they hold.</summary>
    public async Task<(long Revision, byte[] Body)> TopologyAsync()
    {
        var body = await Http.GetByteArrayAsync("/api/topology");
        using var doc = JsonDocument.Parse(body);
        return (doc.RootElement.GetProperty("revision").GetInt64(), body);
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return ValueTask.CompletedTask;
        }
        Kill();
        _process.Dispose();
        Http.Dispose();
        try { _data.Delete(recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
