using Microsoft.Extensions.Options;
using NetDashboard.Configuration;

namespace NetDashboard.History;

/// <summary>
/// Resolves where the dashboard keeps its files: <c>NetDashboard:DataDirectory</c> (default a <c>NetDashboard</c>
/// folder under the user's local application data, else <c>data</c> under the content root) and the history
/// database in it (<c>history.db</c>, or <c>history-demo.db</c> so the demo never mixes with a real daemon's rows).
/// </summary>
public sealed class HistoryPaths(IOptions<NetDashboardOptions> dashboard, IOptions<HistoryOptions> history, IHostEnvironment environment)
{
    public string DataDirectory => ResolveDataDirectory(dashboard.Value.DataDirectory, environment.ContentRootPath);

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, DatabaseFile));

    /// <summary>
    /// Where to try to open the database, in order: the configured place, or — when nothing is configured — the
    /// default folder, then <c>data</c> under the content root (a read-only home must not cost the history).
    /// </summary>
    public IReadOnlyList<string> DatabasePathCandidates
    {
        get
        {
            var first = DatabasePath;
            var configured = !string.IsNullOrWhiteSpace(dashboard.Value.DataDirectory) || Path.IsPathRooted(history.Value.DatabasePath ?? "");
            var fallback = Path.GetFullPath(Path.Combine(environment.ContentRootPath, "data", DatabaseFile));
            return configured || fallback == first ? [first] : [first, fallback];
        }
    }

    private string DatabaseFile =>
        string.IsNullOrWhiteSpace(history.Value.DatabasePath)
            ? dashboard.Value.Source == TopologySource.Demo ? "history-demo.db" : "history.db"
            : history.Value.DatabasePath;

    public static string ResolveDataDirectory(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(Path.Combine(contentRoot, configured));
        }
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(local)
            ? Path.GetFullPath(Path.Combine(contentRoot, "data"))
            : Path.Combine(local, "NetDashboard");
    }
}
