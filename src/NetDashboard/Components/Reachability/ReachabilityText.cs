using NetDashboard.Core.Analysis;

namespace NetDashboard.Components.Reachability;

/// <summary>The words of the reachability views (matrix cells, details, the map's banner), in one place so views and tests agree.</summary>
public static class ReachabilityText
{
    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>A cell's accessible name (and tooltip): "web → db: by IP yes, by name no".</summary>
    public static string CellLabel(string from, string to, MatrixCell cell) =>
        $"{from} → {to}: by IP {YesNo(cell.ByIp)}, by name {YesNo(cell.ByName)}";

    /// <summary>How the two are joined, in words.</summary>
    public static string Relation(string relation) => relation switch
    {
        "same-stack" => "one network stack (the same container, or container: sharing)",
        "host-stack" => "through the host's network stack (--network host)",
        "network" => "a shared network",
        "different-hosts" => "different Docker hosts",
        _ => "nothing joins them",
    };

    /// <summary>"by IP: yes — reason; by name: no — reason", the map banner's line.</summary>
    public static string Summary(ReachabilityReport report) =>
        $"by IP: {YesNo(report.ByIp.Reachable)} — {report.ByIp.Reason}; by name: {YesNo(report.ByName.Reachable)} — {report.ByName.Reason}";

    /// <summary>
    /// A reason or note as a sentence: trimmed, with a final full stop. Its first letter keeps its case: reasons often
    /// start with a container or network name, written as Docker has it.
    /// </summary>
    public static string Sentence(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var t = text.Trim();
        return t.EndsWith('.') ? t : t + ".";
    }

    /// <summary>What a live probe saw, next to what was predicted.</summary>
    public static string Observed(ProbeOutcome probe, bool lookup)
    {
        if (!probe.Ran)
        {
            return "not run";
        }
        if (lookup)
        {
            return probe.Succeeded ? $"resolved{(probe.ResolvedAddress is { } a ? " to " + a : "")}" : "did not resolve";
        }
        return probe.Succeeded ? "answered" : "no answer";
    }

    public static string Predicted(ProbeOutcome probe, bool lookup) =>
        lookup ? (probe.Expected ? "resolves" : "does not resolve") : (probe.Expected ? "reachable" : "not reachable");
}
