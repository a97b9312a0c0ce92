using NetDashboard.Core.Model;

namespace NetDashboard.Components.Presentation;

/// <summary>
/// The search box's rule: the query is split at spaces and every term must occur (case-insensitive) in at least
/// one of the row's searchable texts.
/// </summary>
public static class TopologySearch
{
    public static bool Matches(string? query, IEnumerable<string?> texts)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return true;
        }
        var candidates = texts.OfType<string>().ToList();
        return query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(term => candidates.Any(t => t.Contains(term, StringComparison.OrdinalIgnoreCase)));
    }

    public static IEnumerable<string?> Texts(NetworkRow row)
    {
        var n = row.Network;
        yield return n.Name;
        yield return n.Id;
        yield return n.Driver;
        yield return n.Bridge;
        foreach (var s in n.Subnets)
        {
            yield return s.Subnet;
            yield return s.Gateway;
        }
        foreach (var text in Labels(n.Labels))
        {
            yield return text;
        }
    }

    public static IEnumerable<string?> Texts(ContainerRow row)
    {
        var c = row.Container;
        yield return c.Name;
        yield return c.Id;
        yield return c.Image;
        foreach (var e in c.Endpoints)
        {
            yield return e.NetworkName;
            yield return e.Ipv4;
            yield return e.Ipv6;
        }
        foreach (var text in Labels(c.Labels))
        {
            yield return text;
        }
    }

    private static IEnumerable<string> Labels(IEnumerable<KeyValuePair<string, string>> labels) =>
        labels.Select(l => $"{l.Key}={l.Value}");
}
