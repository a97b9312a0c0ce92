using System.Collections.Immutable;
using NetDashboard.Core.Management;

namespace NetDashboard.Components.Management;

/// <summary>
/// What the create dialog edits: the request's fields as typed, with the two bridge options most people look for
/// (bridge name, ICC) as fields of their own and the rest as "key=value" lines.
/// </summary>
public sealed class NetworkCreateForm
{
    public const string BridgeNameOption = "com.docker.network.bridge.name";
    public const string IccOption = "com.docker.network.bridge.enable_icc";

    public string Name { get; set; } = "";
    public string Driver { get; set; } = "bridge";
    public string Subnet { get; set; } = "";
    public string IpRange { get; set; } = "";
    public string Gateway { get; set; } = "";
    public bool Internal { get; set; }
    public bool Attachable { get; set; }
    public bool EnableIPv6 { get; set; }
    public string Ipv6Subnet { get; set; } = "";
    public string BridgeName { get; set; } = "";
    public bool Icc { get; set; } = true;
    public string Labels { get; set; } = "";
    public string Options { get; set; } = "";

    public bool IsBridge => Driver == "bridge";

    /// <summary>The request, and a sentence per "key=value" text that has a line that is not one.</summary>
    public (NetworkCreateRequest Request, IReadOnlyDictionary<string, string> Problems) ToRequest()
    {
        var problems = new Dictionary<string, string>();
        var labels = Pairs(Labels, "labels", "label", problems);
        var options = Pairs(Options, "options", "driver option", problems);
        if (IsBridge)
        {
            if (!string.IsNullOrWhiteSpace(BridgeName))
            {
                options = options.SetItem(BridgeNameOption, BridgeName.Trim());
            }
            if (!Icc)
            {
                options = options.SetItem(IccOption, "false");
            }
        }
        var request = new NetworkCreateRequest
        {
            Name = Name.Trim(),
            Driver = Driver,
            Subnet = Blank(Subnet),
            IpRange = Blank(IpRange),
            Gateway = Blank(Gateway),
            Internal = Internal,
            Attachable = Attachable,
            EnableIPv6 = EnableIPv6,
            Ipv6Subnet = EnableIPv6 ? Blank(Ipv6Subnet) : null,
            Labels = labels,
            Options = options,
        };
        return (request, problems);
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static ImmutableSortedDictionary<string, string> Pairs(string text, string field, string what, Dictionary<string, string> problems)
    {
        var pairs = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problems.TryAdd(field, $"Line {lineNumber} is not a {what}: write key=value, one per line.");
                continue;
            }
            pairs[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }
        return pairs.ToImmutable();
    }
}
