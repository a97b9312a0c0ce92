namespace NetDashboard.History.Audit;

/// <summary>
/// One write attempt that passed authentication, accepted or refused: who (name and role), what (action, host, target,
/// the parameters as JSON), and how it ended (<c>succeeded</c>, <c>refused</c> before the daemon was called or by
/// it, <c>failed</c> when the daemon could not be reached), with the HTTP status and the sentence the caller read.
/// </summary>
public sealed record AuditEntry
{
    public required DateTimeOffset Time { get; init; }
    public required string User { get; init; }
    public required string Role { get; init; }
    public required string Action { get; init; }
    public string? Host { get; init; }
    public string? Target { get; init; }
    public string? Parameters { get; init; }
    public required string Outcome { get; init; }
    public required int Status { get; init; }
    public string? Detail { get; init; }
}
