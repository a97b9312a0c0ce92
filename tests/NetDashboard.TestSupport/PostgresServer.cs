using System.Diagnostics;
using Npgsql;

namespace NetDashboard.TestSupport;

/// <summary>
/// Debian's PostgreSQL 15 (<c>/usr/lib/postgresql/15/bin</c>): a cluster made with <c>initdb</c> in a temp folder and
/// run as the <c>postgres</c> user (PostgreSQL refuses root) on a random loopback port, its socket in that folder,
/// no fsync (a test cluster). <see cref="CreateDatabase"/> makes a fresh database per test; dispose stops the
/// server (by its PID) and removes the folder, also when a test failed. Needs Debian's <c>postgresql</c> package.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Bin = "/usr/lib/postgresql/15/bin";
    private const string User = "nd";

    private readonly DirectoryInfo _dir;
    private Process? _process;

    private PostgresServer(DirectoryInfo dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public static bool Installed => File.Exists(Path.Combine(Bin, "initdb"));

    /// <summary>The connection string of <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database, Timeout = 5 }.ToString();

    public static async Task<PostgresServer> StartNewAsync()
    {
        var dir = Directory.CreateTempSubdirectory("nd-postgres-");
        var server = new PostgresServer(dir, RedisServer.FreeLoopbackPort());
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        var data = Path.Combine(_dir.FullName, "data");
        await ProcessRunner.RunAsync("chown", ["postgres:postgres", _dir.FullName], TimeSpan.FromSeconds(10));
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("setpriv",
            [.. AsPostgres, Path.Combine(Bin, "initdb"), "-D", data, "-U", User, "-A", "trust", "-E", "UTF8", "--no-sync"], TimeSpan.FromSeconds(60));
        if (code != 0)
        {
            throw new InvalidOperationException($"initdb failed ({code}): {stdout} {stderr}");
        }
        var info = new ProcessStartInfo("setpriv") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in AsPostgres.Concat([Path.Combine(Bin, "postgres"), "-D", data, "-p", Port.ToString(), "-k", _dir.FullName,
                     "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]))
        {
            info.ArgumentList.Add(arg);
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException("postgres did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.WaitUntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"postgres exited ({_process.ExitCode}).");
            }
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                await connection.OpenAsync();
                return true;
            }
            catch (NpgsqlException)
            {
                return false;
            }
        }, $"PostgreSQL answering on 127.0.0.1:{Port}", TimeSpan.FromSeconds(30), interval: TimeSpan.FromMilliseconds(100));
    }

    /// <summary>setpriv's arguments that run a program as the postgres user, without root's groups (it execs, no fork).</summary>
    private static string[] AsPostgres => ["--reuid=postgres", "--regid=postgres", "--clear-groups", "--"];

    /// <summary>A new, empty database; returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "nd_" + Guid.NewGuid().ToString("N")[..12];
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name};";
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_process is { HasExited: false } p)
        {
            await ProcessRunner.RunAsync("kill", ["-INT", p.Id.ToString()], TimeSpan.FromSeconds(5)); // fast shutdown: ends its backends too
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await p.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                p.Kill();
                await p.WaitForExitAsync();
            }
        }
        _process?.Dispose();
        try { _dir.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
