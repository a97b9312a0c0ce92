using System.Diagnostics;
using NetDashboard.Docker.Kernel;

namespace NetDashboard.Docker.Tests;

/// <summary>
/// The exact shell line the refused-connection watch runs, for real: <c>conntrack -E</c> (the real tool, listening to
/// this machine's kernel) ends once the pipe from its parent closes, as it does when the dashboard is killed without
/// disposing anything — no conntrack is left behind.
/// </summary>
public sealed class ConntrackListenerTests
{
    [Fact]
    public async Task Conntrack_ends_when_the_dashboards_pipe_closes()
    {
        var psi = new ProcessStartInfo("sh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(ConntrackEventWatch.Listener);
        using var shell = Process.Start(psi)!;
        int? conntrack = null;
        try
        {
            await Eventually.WaitUntilAsync(() => Task.FromResult((conntrack = ChildNamed(shell.Id, "conntrack")) is not null),
                "conntrack started under the shell", TimeSpan.FromSeconds(10));
            Assert.False(shell.HasExited);

            shell.StandardInput.Close(); // what the kernel does to the pipe when the dashboard dies

            await Eventually.WaitUntilAsync(() => Task.FromResult(!Directory.Exists($"/proc/{conntrack}") || IsZombie(conntrack!.Value)),
                $"conntrack (pid {conntrack}) ended after the pipe closed", TimeSpan.FromSeconds(10));
            await shell.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            if (!shell.HasExited)
            {
                shell.Kill(entireProcessTree: true);
            }
        }
    }

    private static int? ChildNamed(int parent, string name)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                var comm = stat[(stat.IndexOf('(') + 1)..close];
                var ppid = int.Parse(stat[(close + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                if (ppid == parent && comm == name)
                    return pid;
            }
            catch (IOException)
            {
            }
        }
        return null;
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
