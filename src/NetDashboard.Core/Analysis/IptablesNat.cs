using System.Collections.Immutable;

namespace NetDashboard.Core.Analysis;

/// <summary>The parts of <c>iptables-save -t nat</c> that Docker writes: DNAT rules of the DOCKER chain and MASQUERADE rules.</summary>
public static class IptablesNat
{
    /// <summary>The chain of the nat table Docker writes its published ports' DNAT rules in.</summary>
    public const string DnatChain = "DOCKER";

    public static NatRules Parse(string save)
    {
        var dnat = ImmutableArray.CreateBuilder<DnatRule>();
        var masquerade = ImmutableArray.CreateBuilder<MasqueradeRule>();
        var hasDocker = false;
        var inNat = false;
        foreach (var raw in save.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('*'))
            {
                inNat = line == "*nat";
                continue;
            }
            if (!inNat)
            {
                continue;
            }
            if (line.StartsWith(":DOCKER ", StringComparison.Ordinal))
            {
                hasDocker = true;
            }
            if (!line.StartsWith("-A ", StringComparison.Ordinal))
            {
                continue;
            }
            var words = Words(line);
            var target = Value(words, "-j");
            if (target == "DNAT" && Value(words, "--to-destination") is { } to && int.TryParse(Value(words, "--dport"), out var dport))
            {
                var colon = to.LastIndexOf(':');
                dnat.Add(new DnatRule
                {
                    Text = line,
                    Chain = words[1],
                    Destination = StripHostMask(Value(words, "-d")),
                    Protocol = Value(words, "-p") ?? "tcp",
                    HostPort = dport,
                    ExcludedInInterface = Negated(words, "-i"),
                    ToAddress = colon > 0 ? to[..colon] : to,
                    ToPort = colon > 0 && int.TryParse(to[(colon + 1)..], out var p) ? p : dport,
                });
            }
            else if (target == "MASQUERADE" && Value(words, "-s") is { } source)
            {
                masquerade.Add(new MasqueradeRule
                {
                    Text = line,
                    Source = source,
                    ExcludedOutInterface = Negated(words, "-o"),
                    Destination = Value(words, "-d"),
                });
            }
        }
        return new NatRules { Dnat = dnat.ToImmutable(), Masquerade = masquerade.ToImmutable(), HasDockerRules = hasDocker, Backend = FirewallBackends.Iptables };
    }

    private static List<string> Words(string line) => [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    private static string? Value(List<string> words, string option)
    {
        var i = words.IndexOf(option);
        return i >= 0 && i + 1 < words.Count ? words[i + 1] : null;
    }

    /// <summary>The interface of "! -i docker0" / "! -o docker0".</summary>
    private static string? Negated(List<string> words, string option)
    {
        var i = words.IndexOf(option);
        return i > 0 && words[i - 1] == "!" && i + 1 < words.Count ? words[i + 1] : null;
    }

    private static string? StripHostMask(string? address) =>
        address is not null && address.EndsWith("/32", StringComparison.Ordinal) ? address[..^3] : address;
}
