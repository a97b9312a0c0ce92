using System.Collections.Immutable;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Lookup;

/// <summary>
/// What a piece of text (an id, a name or an id prefix) names in a topology: one match, several (the text is
/// ambiguous) or none. Built by <see cref="TopologyResolver"/>; see <c>docs/lookup.md</c> for the rule.
/// </summary>
public sealed record LookupResult<T>(ImmutableArray<T> Matches) where T : class
{
    /// <summary>Nothing found (also what a blank text finds).</summary>
    public static LookupResult<T> None { get; } = new([]);

    /// <summary>The one match; null when there are none or several.</summary>
    public T? Single => Matches.Length == 1 ? Matches[0] : null;

    public bool IsAmbiguous => Matches.Length > 1;

    public bool IsNotFound => Matches.IsEmpty;

    /// <summary>
    /// When ambiguous, one sentence naming the candidates and how to pick one, e.g.
    /// <c>'web' is ambiguous: it matches 2 containers, web (0e1d2c3b4a59 on host a), web (77aa0b1c2d3e on host b); give the id or ?host=.</c>;
    /// otherwise null.
    /// </summary>
    public string? Ambiguity { get; init; }
}

/// <summary>
/// The two containers of a from/to question (reachability), each resolved by <see cref="TopologyResolver.Pair"/>.
/// </summary>
public sealed record PairLookup(LookupResult<ContainerInfo> From, LookupResult<ContainerInfo> To)
{
    /// <summary>True when both sides name exactly one container.</summary>
    public bool Found => From.Single is not null && To.Single is not null;
}
