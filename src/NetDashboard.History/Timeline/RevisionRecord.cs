namespace NetDashboard.History.Timeline;

/// <summary>
/// One stored revision of the topology document: the whole document (a checkpoint) or the delta from the run's
/// previous stored revision, as compressed JSON (<see cref="RevisionCodec"/>). <see cref="Time"/> is the revision's
/// <c>generatedAt</c>: from then until the run's next revision, <c>GET /api/topology</c> answered this revision.
/// </summary>
public sealed record RevisionRecord
{
    /// <summary>The dashboard run that observed it (revision numbers restart with every run).</summary>
    public required string Run { get; init; }
    public required long Revision { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required bool IsCheckpoint { get; init; }
    public required byte[] Body { get; init; }
    /// <summary>The row's id once stored (orders the rows); 0 before.</summary>
    public long Id { get; init; }
}

/// <summary>
/// One dashboard run: when it started and the last moment it was known to be running — or, with
/// <see cref="StoppedRecording"/> (why, in a sentence), the last moment it recorded before it stopped recording.
/// </summary>
public sealed record RunRecord(string Run, DateTimeOffset StartedAt, DateTimeOffset AliveUntil, string? StoppedRecording = null);
