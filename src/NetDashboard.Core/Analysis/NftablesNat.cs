using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace NetDashboard.Core.Analysis;

/// <summary>
/// The parts of Engine 29's nftables tables (<c>nft -j list table ip docker-bridges</c> and <c>… ip6 …</c>) that match
/// what <see cref="IptablesNat"/> reads from iptables: the DNAT rules of chain <c>nat-prerouting-and-output</c>
/// (<c>iifname != "br-…" [ip daddr A] tcp dport P counter dnat to C:P2 comment "DNAT"</c>) and the masquerade rules
/// of the per-bridge <c>nat-postrouting-out__…</c> chains (<c>oifname != "br-…" ip saddr S counter masquerade</c>), as
/// moby's nftabler writes them. Each rule keeps its text as <c>nft list</c> prints it. Anything else in the listing,
/// or a shape this parser does not know, is skipped, never fatal.
/// </summary>
public static class NftablesNat
{
    /// <summary>The table Docker's bridge driver writes in, in both the ip and the ip6 family.</summary>
    public const string Table = "docker-bridges";

    /// <summary>The chain the nat PREROUTING and OUTPUT hooks jump to, holding one DNAT rule per published port.</summary>
    public const string DnatChain = "nat-prerouting-and-output";

    /// <summary>Parses one or more <c>nft -j list …</c> answers (the ip and the ip6 table); a blank one is skipped.</summary>
    /// <exception cref="JsonException">A listing that is not JSON.</exception>
    public static NatRules Parse(params string?[] listings)
    {
        var dnat = ImmutableArray.CreateBuilder<DnatRule>();
        var masquerade = ImmutableArray.CreateBuilder<MasqueradeRule>();
        var hasTable = false;
        foreach (var listing in listings)
        {
            if (string.IsNullOrWhiteSpace(listing))
            {
                continue;
            }
            using var doc = JsonDocument.Parse(listing);
            if (!doc.RootElement.TryGetProperty("nftables", out var objects) || objects.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var item in objects.EnumerateArray())
            {
                if (item.TryGetProperty("table", out var table) && Str(table, "name") == Table)
                {
                    hasTable = true;
                }
                if (!item.TryGetProperty("rule", out var rule) || Str(rule, "table") != Table
                    || !rule.TryGetProperty("expr", out var expr) || expr.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }
                var parsed = Read(expr);
                var text = Text(rule, expr);
                var chain = Str(rule, "chain") ?? "";
                if (parsed.DnatTo is { } to && chain == DnatChain && parsed.DestinationPort is { } port)
                {
                    dnat.Add(new DnatRule
                    {
                        Text = text,
                        Chain = chain,
                        Destination = parsed.Daddr,
                        Protocol = parsed.Protocol ?? "tcp",
                        HostPort = port,
                        ExcludedInInterface = parsed.NotIifname,
                        ToAddress = to.Address,
                        ToPort = to.Port ?? port,
                    });
                }
                else if (parsed.Masquerade && parsed.Saddr is { } source)
                {
                    masquerade.Add(new MasqueradeRule { Text = text, Source = source, ExcludedOutInterface = parsed.NotOifname, Destination = parsed.Daddr });
                }
            }
        }
        return new NatRules { Dnat = dnat.ToImmutable(), Masquerade = masquerade.ToImmutable(), HasDockerRules = hasTable, Backend = FirewallBackends.Nftables };
    }

    /// <summary>What the statements of one rule say, in the terms the comparison needs.</summary>
    private sealed class Facts
    {
        public string? Protocol;
        public int? DestinationPort;
        public string? Daddr;
        public string? Saddr;
        public string? NotIifname;
        public string? NotOifname;
        public (string Address, int? Port)? DnatTo;
        public bool Masquerade;
    }

    private static Facts Read(JsonElement expr)
    {
        var facts = new Facts();
        foreach (var statement in expr.EnumerateArray())
        {
            if (statement.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            if (statement.TryGetProperty("match", out var match))
            {
                ReadMatch(match, facts);
            }
            else if (statement.TryGetProperty("dnat", out var to) && to.ValueKind == JsonValueKind.Object && Str(to, "addr") is { } address)
            {
                facts.DnatTo = (address, to.TryGetProperty("port", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null);
            }
            else if (statement.TryGetProperty("masquerade", out _))
            {
                facts.Masquerade = true;
            }
        }
        return facts;
    }

    private static void ReadMatch(JsonElement match, Facts facts)
    {
        if (!match.TryGetProperty("left", out var left) || !match.TryGetProperty("right", out var right))
        {
            return;
        }
        var negated = Str(match, "op") == "!=";
        var equal = Str(match, "op") is "==" or null;
        if (left.TryGetProperty("meta", out var meta) && right.ValueKind == JsonValueKind.String && negated)
        {
            switch (Str(meta, "key"))
            {
                case "iifname":
                    facts.NotIifname = right.GetString();
                    break;
                case "oifname":
                    facts.NotOifname = right.GetString();
                    break;
            }
        }
        else if (left.TryGetProperty("payload", out var payload) && equal)
        {
            var protocol = Str(payload, "protocol");
            switch (Str(payload, "field"))
            {
                case "dport" when right.ValueKind == JsonValueKind.Number:
                    facts.Protocol = protocol;
                    facts.DestinationPort = right.GetInt32();
                    break;
                case "daddr" when protocol is "ip" or "ip6":
                    facts.Daddr = Value(right);
                    break;
                case "saddr" when protocol is "ip" or "ip6":
                    facts.Saddr = Value(right);
                    break;
            }
        }
    }

    /// <summary>The rule as <c>nft list</c> prints it (the statements Docker uses; any other shown as its JSON).</summary>
    private static string Text(JsonElement rule, JsonElement expr)
    {
        var words = new List<string>();
        foreach (var statement in expr.EnumerateArray())
        {
            words.Add(Statement(statement));
        }
        if (Str(rule, "comment") is { } comment)
        {
            words.Add($"comment \"{comment}\"");
        }
        return string.Join(' ', words.Where(w => w.Length > 0));
    }

    private static string Statement(JsonElement statement)
    {
        if (statement.ValueKind != JsonValueKind.Object)
        {
            return statement.GetRawText();
        }
        foreach (var property in statement.EnumerateObject())
        {
            var v = property.Value;
            switch (property.Name)
            {
                case "match" when v.TryGetProperty("left", out var left) && v.TryGetProperty("right", out var right):
                    var op = Str(v, "op") is { } o and not "==" and not "in" ? o + " " : "";
                    var quoted = left.TryGetProperty("meta", out var meta) && Str(meta, "key") is "iifname" or "oifname";
                    return $"{Operand(left)} {op}{(quoted && right.ValueKind == JsonValueKind.String ? $"\"{right.GetString()}\"" : Value(right))}";
                case "counter":
                    return "counter";
                case "masquerade":
                    return "masquerade";
                case "accept" or "drop" or "return" or "continue":
                    return property.Name;
                case "jump" or "goto" when Str(v, "target") is { } target:
                    return $"{property.Name} {target}";
                case "dnat" or "snat" when Str(v, "addr") is { } address:
                    var port = v.TryGetProperty("port", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : (int?)null;
                    return $"{property.Name} to {Endpoint(address, port)}";
            }
        }
        return statement.GetRawText();
    }

    private static string Operand(JsonElement e)
    {
        if (e.TryGetProperty("meta", out var meta))
        {
            return Str(meta, "key") ?? meta.GetRawText();
        }
        if (e.TryGetProperty("payload", out var payload))
        {
            return $"{Str(payload, "protocol")} {Str(payload, "field")}";
        }
        return Value(e);
    }

    /// <summary>A right-hand value: a string, number, <c>addr/len</c> prefix or set, as nft prints it.</summary>
    private static string Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.Object when e.TryGetProperty("prefix", out var prefix) && Str(prefix, "addr") is { } addr && prefix.TryGetProperty("len", out var len)
            => $"{addr}/{len.GetRawText()}",
        JsonValueKind.Object when e.TryGetProperty("set", out var set) && set.ValueKind == JsonValueKind.Array
            => "{ " + string.Join(", ", set.EnumerateArray().Select(Value)) + " }",
        _ => e.GetRawText(),
    };

    /// <summary><c>172.28.0.2:8080</c>, <c>[fd00:28::2]:8080</c>.</summary>
    public static string Endpoint(string address, int? port)
    {
        if (port is not { } p)
        {
            return address;
        }
        var portText = p.ToString(CultureInfo.InvariantCulture);
        return address.Contains(':') ? $"[{address}]:{portText}" : $"{address}:{portText}";
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
