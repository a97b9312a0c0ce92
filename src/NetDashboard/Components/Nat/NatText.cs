using NetDashboard.Core.Analysis;

namespace NetDashboard.Components.Nat;

/// <summary>The words of the NAT views.</summary>
public static class NatText
{
    public static string Match(NatRuleMatch match) => match switch
    {
        NatRuleMatch.Match => "match",
        NatRuleMatch.Missing => "missing",
        NatRuleMatch.Differs => "differs",
        _ => "not compared",
    };

    /// <summary>
    /// The builder's note as a sentence. It starts with a container name (kept as written) or with the builder's own
    /// "derived …" / "checked …", which gets its capital.
    /// </summary>
    public static string Note(string note)
    {
        var sentence = NetDashboard.Components.Reachability.ReachabilityText.Sentence(note);
        return sentence.StartsWith("derived ", StringComparison.Ordinal) || sentence.StartsWith("checked ", StringComparison.Ordinal)
            ? char.ToUpperInvariant(sentence[0]) + sentence[1..]
            : sentence;
    }
}
