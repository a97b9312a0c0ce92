using System.Diagnostics;

namespace NetDashboard.Bench;

/// <summary>What the scripted benches share (linked into each): the repository's root, and a child process whose
/// standard error is shown tagged with its name and pid.</summary>
internal static class BenchProcess
{
    public static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetDashboard.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("NetDashboard.sln not found.");
    }

    public static Process Start(string file, IEnumerable<string> args, Dictionary<string, string> env, string dir)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env) info.Environment[k] = v;
        var p = Process.Start(info)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"[{Path.GetFileName(file)} {p.Id}] {line}"); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }
}
