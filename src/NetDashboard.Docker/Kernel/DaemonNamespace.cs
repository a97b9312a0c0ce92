using System.Globalization;
using System.Net.Sockets;

namespace NetDashboard.Docker.Kernel;

/// <summary>
/// The network namespace of the daemon behind a unix socket: the process that listens on it (the socket's peer
/// credentials, SO_PEERCRED) and its <c>/proc/&lt;pid&gt;/ns/net</c>. A unix socket does not mean the daemon shares the
/// dashboard's namespace: a daemon started in its own namespace writes its rules there.
/// </summary>
internal static class DaemonNamespace
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>The namespace to read, or why it cannot be found (a sentence's tail: "because …").</summary>
    public sealed record Found(int Pid, string Process, string NetNsPath, bool IsOwn);

    public static (Found? Found, string? WhyNot) Locate(string socketPath, string procPath = "/proc")
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, "the dashboard does not run on Linux");
        }
        int pid;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            var credentials = new byte[12];
            socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials);
            pid = BitConverter.ToInt32(credentials, 0);
        }
        catch (Exception ex) when (ex is SocketException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return (null, $"the process answering on {socketPath} could not be identified");
        }
        if (pid <= 0)
        {
            return (null, $"the daemon behind {socketPath} runs in a PID namespace the dashboard cannot see");
        }
        var dir = Path.Combine(procPath, pid.ToString(CultureInfo.InvariantCulture));
        var process = ReadComm(dir) ?? "?";
        if (!process.StartsWith("dockerd", StringComparison.Ordinal) && !process.StartsWith("podman", StringComparison.Ordinal))
        {
            return (null, $"the process answering on {socketPath} is {process} (pid {pid}), not the daemon itself (a proxy?): the daemon's own namespace is unknown");
        }
        var theirs = NamespaceId(Path.Combine(dir, "ns", "net"));
        if (theirs is null)
        {
            return (null, $"the network namespace of {process} (pid {pid}) cannot be read (the dashboard needs root, or CAP_SYS_PTRACE)");
        }
        var own = NamespaceId(Path.Combine(procPath, "self", "ns", "net"));
        return (new Found(pid, process, Path.Combine(dir, "ns", "net"), own == theirs), null);
    }

    private static string? ReadComm(string dir)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dir, "comm")).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>"net:[4026531840]", the link target that names a namespace.</summary>
    private static string? NamespaceId(string link)
    {
        try
        {
            return new FileInfo(link).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
