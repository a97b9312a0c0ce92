namespace NetDashboard.Configuration;

/// <summary>The <c>NetDashboard:History</c> section: where the address history is kept, and for how long.</summary>
public sealed class HistoryOptions
{
    public const string SectionName = "NetDashboard:History";

    /// <summary>Record endpoint assignments and topology events (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The SQLite file. Default: <c>history.db</c> (<c>history-demo.db</c> for the demo) in
    /// <c>NetDashboard:DataDirectory</c>; a relative path is taken from that folder.
    /// </summary>
    public string? DatabasePath { get; set; }

    /// <summary>Days a closed assignment or an event is kept (default 30); older rows are pruned in the background.</summary>
    public int RetentionDays { get; set; } = 30;
}

/// <summary>Checks the <c>NetDashboard:History</c> section at start-up, every problem at once, naming the key.</summary>
public sealed class HistoryOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<HistoryOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, HistoryOptions options)
    {
        var errors = new List<string>();
        if (options.RetentionDays is < 1 or > 3650)
        {
            errors.Add($"NetDashboard:History:RetentionDays must be between 1 and 3650 days (got {options.RetentionDays}).");
        }
        if (options.DatabasePath is { } path)
        {
            if (string.IsNullOrWhiteSpace(path) || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || path.EndsWith('/') || path.EndsWith('\\'))
            {
                errors.Add($"NetDashboard:History:DatabasePath '{path}' is not a file path: name a file, e.g. /data/history.db.");
            }
            else if (Directory.Exists(path))
            {
                errors.Add($"NetDashboard:History:DatabasePath '{path}' is a folder: name a file in it, e.g. {Path.Combine(path, "history.db")}.");
            }
        }
        return errors.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(errors);
    }
}
