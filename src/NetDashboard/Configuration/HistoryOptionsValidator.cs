using Microsoft.Extensions.Options;

namespace NetDashboard.Configuration;

/// <summary>Checks the <c>NetDashboard:History</c> section at start-up, every problem at once, naming the key.</summary>
public sealed class HistoryOptionsValidator : IValidateOptions<HistoryOptions>
{
    public ValidateOptionsResult Validate(string? name, HistoryOptions options)
    {
        var errors = new List<string>();
        if (options.RetentionDays is < 1 or > 3650)
        {
            errors.Add($"NetDashboard:History:RetentionDays must be between 1 and 3650 days (got {options.RetentionDays}).");
        }
        if (options.MaxWaitingRevisions is < 2 or > 1_000_000)
        {
            errors.Add($"NetDashboard:History:MaxWaitingRevisions must be between 2 and 1000000 revisions (got {options.MaxWaitingRevisions}).");
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
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException)
            {
                errors.Add("NetDashboard:History:ConnectionString is not a PostgreSQL connection string: give e.g. \"Host=db;Database=netdashboard;Username=nd;Password=…\".");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
