using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;

namespace NetDashboard.History.Timeline;

/// <summary>Rebuilds stored revisions: a checkpoint and the deltas after it, applied as a hub client applies them.</summary>
public static class TopologyReplay
{
    /// <summary>
    /// The document of the last of <paramref name="rows"/> (a checkpoint, then the deltas that follow it in order),
    /// with that row's revision and <c>generatedAt</c>.
    /// </summary>
    public static TopologySnapshot Rebuild(IReadOnlyList<RevisionRecord> rows)
    {
        if (rows.Count == 0 || !rows[0].IsCheckpoint)
        {
            throw new InvalidDataException("A stored topology revision has no checkpoint before it.");
        }
        var snapshot = RevisionCodec.DecodeSnapshot(rows[0].Body);
        for (var i = 1; i < rows.Count; i++)
        {
            snapshot = Next(snapshot, rows[i]);
        }
        return snapshot;
    }

    /// <summary>The document after <paramref name="row"/>: the row's own document, or <paramref name="before"/> with its delta applied.</summary>
    public static TopologySnapshot Next(TopologySnapshot before, RevisionRecord row) =>
        row.IsCheckpoint ? RevisionCodec.DecodeSnapshot(row.Body) : TopologyDiff.Apply(before, RevisionCodec.DecodeDelta(row.Body), row.Time);
}
