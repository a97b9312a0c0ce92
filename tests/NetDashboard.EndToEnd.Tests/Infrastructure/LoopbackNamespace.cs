using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NetDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A private network namespace that has only loopback, for Chromium. Chromium aborts page loads with
/// <c>net::ERR_NETWORK_CHANGED</c> whenever a veth appears in its namespace (every container start on the host),
/// so the browser lives here, while the app stays in the host's namespace, where it can see the host side of
/// every veth (in a loopback-only namespace the dashboard rightly reports <c>hostInterface: null</c>).
/// The two meet through a listening socket that <see cref="Listen"/> creates inside this namespace and hands to
/// Kestrel; the browser is started through <c>nsenter --net=…</c> (<see cref="WrapExecutable"/>).
/// Needs root (CAP_SYS_ADMIN), <c>unshare</c>, <c>nsenter</c> and <c>ip</c>.
/// </summary>
public sealed class LoopbackNamespace : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private const int ORdOnly = 0, OCloExec = 0x80000;

    private readonly Process _holder;
    private readonly string _directory = Directory.CreateTempSubdirectory("nd-e2e-").FullName;

    private LoopbackNamespace(Process holder) => _holder = holder;

    /// <summary><c>/proc/PID/ns/net</c> of the process that holds the namespace open.</summary>
    public string Path => $"/proc/{_holder.Id}/ns/net";

    /// <summary>
    /// Creates the namespace: <c>unshare -n</c> runs a shell that brings <c>lo</c> up and then waits on its stdin,
    /// so it (and with it the namespace, once the browser and the sockets are gone) ends with this process.
    /// </summary>
    public static async Task<LoopbackNamespace> CreateAsync()
    {
        var info = new ProcessStartInfo("unshare")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-n", "--", "sh", "-c", "ip link set lo up && echo ready && exec cat >/dev/null" })
        {
            info.ArgumentList.Add(arg);
        }
        var holder = Process.Start(info) ?? throw new InvalidOperationException("unshare did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var line = await holder.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "ready")
        {
            var stderr = holder.HasExited ? await holder.StandardError.ReadToEndAsync() : "";
            try { holder.Kill(); } catch (InvalidOperationException) { }
            holder.Dispose();
            throw new InvalidOperationException($"unshare -n could not create a loopback-only network namespace: {stderr.Trim()}");
        }
        return new LoopbackNamespace(holder);
    }

    /// <summary>
    /// A TCP socket listening on 127.0.0.1 inside the namespace: a dedicated thread enters the namespace
    /// (<c>setns</c> applies to the calling thread only), creates, binds and listens, and returns to the host's
    /// namespace. Returns a duplicate file descriptor for Kestrel's <c>ListenHandle</c> (Kestrel then owns it) and
    /// the port.
    /// </summary>
    public (ulong Handle, int Port) Listen()
    {
        (ulong, int) result = default;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            var home = Open("/proc/thread-self/ns/net");
            var target = Open(Path);
            try
            {
                Check(SetNs(target, CloneNewNet), "setns into the browser's namespace");
                try
                {
                    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                    socket.Listen(512);
                    var fd = FcntlDupCloExec((int)socket.Handle, 1030 /* F_DUPFD_CLOEXEC */, 3);
                    Check(fd, "duplicate the listening socket");
                    result = ((ulong)fd, ((IPEndPoint)socket.LocalEndPoint!).Port);
                }
                finally
                {
                    // The thread ends right after this; returning is tidy, not essential.
                    SetNs(home, CloneNewNet);
                }
            }
            catch (Exception ex)
            {
                error = ex;
            }
            finally
            {
                Close(target);
                Close(home);
            }
        }) { IsBackground = true, Name = "nd-e2e netns listener" };
        thread.Start();
        thread.Join();
        return error is null ? result : throw new InvalidOperationException("Could not listen inside the browser's network namespace.", error);
    }

    /// <summary>A script that starts <paramref name="executable"/> inside this namespace (same arguments, same fds).</summary>
    public string WrapExecutable(string executable)
    {
        var script = System.IO.Path.Combine(_directory, System.IO.Path.GetFileName(executable) + "-in-netns");
        File.WriteAllText(script, $"#!/bin/sh\nexec nsenter --net={Path} -- {executable} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return script;
    }

    public void Dispose()
    {
        try
        {
            _holder.StandardInput.Close(); // the holder's cat sees EOF and exits
            if (!_holder.WaitForExit(2000))
            {
                _holder.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _holder.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static int Open(string path)
    {
        var fd = OpenNative(path, ORdOnly | OCloExec);
        Check(fd, "open " + path);
        return fd;
    }

    private static void Check(int rc, string what)
    {
        if (rc < 0)
        {
            throw new InvalidOperationException($"Could not {what}: errno {Marshal.GetLastPInvokeError()} ({Marshal.GetLastPInvokeErrorMessage()}).");
        }
    }

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNs(int fd, int nstype);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int FcntlDupCloExec(int fd, int cmd, int minFd);
}
