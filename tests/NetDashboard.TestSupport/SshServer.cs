using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetDashboard.TestSupport;

/// <summary>
/// A real OpenSSH server (Debian's <c>/usr/sbin/sshd</c>, installed by scripts/test.sh) on a free loopback port, for the
/// <c>ssh://</c> endpoint tests: its own host key, one client key authorized for root (no passwords, no PAM), and an
/// ssh client configuration (<see cref="ClientConfig"/>) that names that key and trusts exactly that host key. Only
/// loopback is contacted. Stopped, and its folder removed, on dispose.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    private readonly Process _sshd;
    private readonly string _folder;

    private SshServer(Process sshd, string folder, int port)
    {
        _sshd = sshd;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The client configuration for <c>ssh -F</c>: key, known host, strict checking.</summary>
    public string ClientConfig => Path.Combine(_folder, "ssh_config");

    /// <summary>Where the machine's own dockerd is reached through this server.</summary>
    public string Endpoint => $"ssh://root@127.0.0.1:{Port}";

    /// <summary>An identity the server does not authorize (for the refused-login test).</summary>
    public string StrangerConfig => Path.Combine(_folder, "stranger_config");

    public static async Task<SshServer> StartAsync()
    {
        if (!File.Exists("/usr/sbin/sshd"))
        {
            throw new InvalidOperationException("/usr/sbin/sshd is missing: scripts/test.sh installs Debian's openssh-server.");
        }
        var folder = Directory.CreateTempSubdirectory("nd-sshd-").FullName;
        foreach (var key in new[] { "host_key", "client_key", "stranger_key" })
        {
            await Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", key, "-f", Path.Combine(folder, key));
        }
        File.Copy(Path.Combine(folder, "client_key.pub"), Path.Combine(folder, "authorized_keys"));
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(folder, "sshd_config"), $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {folder}/host_key
            AuthorizedKeysFile {folder}/authorized_keys
            PidFile {folder}/sshd.pid
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            StrictModes no
            LogLevel ERROR
            """);
        var hostKey = (await File.ReadAllTextAsync(Path.Combine(folder, "host_key.pub"))).Trim();
        await File.WriteAllTextAsync(Path.Combine(folder, "known_hosts"), $"[127.0.0.1]:{port} {hostKey}\n");
        foreach (var (config, key) in new[] { ("ssh_config", "client_key"), ("stranger_config", "stranger_key") })
        {
            await File.WriteAllTextAsync(Path.Combine(folder, config), $"""
                Host 127.0.0.1
                  IdentityFile {folder}/{key}
                  IdentitiesOnly yes
                  UserKnownHostsFile {folder}/known_hosts
                  StrictHostKeyChecking yes
                """);
        }
        Directory.CreateDirectory("/run/sshd"); // sshd's privilege separation folder
        var sshd = Process.Start(new ProcessStartInfo("/usr/sbin/sshd", ["-D", "-e", "-f", Path.Combine(folder, "sshd_config")])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _ = sshd.StandardError.ReadToEndAsync();
        var server = new SshServer(sshd, folder, port);
        try
        {
            await Eventually.WaitUntilAsync(() => Listening(port) || sshd.HasExited, "sshd listening");
            if (sshd.HasExited)
            {
                throw new InvalidOperationException($"sshd ended at once (exit code {sshd.ExitCode}).");
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private static bool Listening(int port)
    {
        try
        {
            using var probe = new TcpClient();
            probe.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Run(string file, params string[] args)
    {
        var (code, _, stderr) = await ProcessRunner.RunAsync(file, args, TimeSpan.FromSeconds(30));
        if (code != 0)
        {
            throw new InvalidOperationException($"{file} failed ({code}): {stderr}");
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (!_sshd.HasExited)
            {
                _sshd.Kill(entireProcessTree: true);
                _sshd.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _sshd.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp.
        }
        return ValueTask.CompletedTask;
    }
}
