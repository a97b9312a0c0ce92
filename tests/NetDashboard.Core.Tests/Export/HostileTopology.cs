using System.Collections.Immutable;
using NetDashboard.Core.Building;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Tests.Export;

/// <summary>
/// A topology whose every piece of free text is hostile to some export format: quotes, brackets, braces, pipes, markup,
/// entities, newlines, tabs, control characters, a lone surrogate, emoji, right-to-left text, backslashes, Mermaid and
/// DOT keywords and directives. Built from observations through <see cref="TopologyBuilder"/>, like a real daemon's.
/// </summary>
internal static class HostileTopology
{
    public const string Script = "<script>alert(1)</script>";
    public const string Img = "<img src=x onerror=alert(1)>";

    public static readonly string[] Texts =
    [
        "q\"uote' [br]acket {br}ace (p) |pipe| " + Script,
        "end",
        "graph subgraph click n1 call alert() style n1 fill:#f00",
        "classDef evil fill:#f00; flowchart LR %% comment",
        "%%{init: {\"securityLevel\":\"loose\"}}%% " + Img,
        "node edge graph subgraph strict digraph } { -> \"x\" \\N \\G",
        "a & b &amp; #quot; #lt; &lt; ]]> <![CDATA[ x",
        "line1\nline2\tTab\rCR\u0001\u000B\u0000ctl",
        "🐳 whale 🚀 שלום عربي \u202Eevil\u202C",
        "back\\slash\\ \\\" \\n end\\",
        "javascript:alert(1) onload=alert(1) href=\"http://example.invalid/x\"",
        "lone \uD800 surrogate `backtick` **bold** $x$ ; : # %",
    ];

    public const string NetA = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
    public const string NetB = "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2";

    public static string NetworkA => "net " + Texts[0] + " " + Texts[5];
    public static string NetworkB => Texts[1] + " " + Texts[4] + " " + Texts[8];

    public static TopologySnapshot Build()
    {
        var networks = new[]
        {
            Observations.DefaultBridge("172.17.0.1"),
            Observations.HostNetwork(),
            Observations.NoneNetwork(),
            Observations.UserNetwork(NetA, NetworkA, "172.28.0.0/16", "172.28.0.1",
                options: new Dictionary<string, string> { ["com.docker.network.bridge.name"] = "br-" + Texts[2] }) with
            {
                Labels = ImmutableDictionary<string, string>.Empty.Add(Texts[3], Texts[6]),
            },
            new ObservedNetwork
            {
                Id = NetB, Name = NetworkB, Driver = "macvlan " + Texts[9], Scope = "local",
                IpamConfig = [new ObservedIpamConfig { Subnet = "10.99.0.0/24 " + Texts[10], Gateway = "10.99.0.1" }],
            },
        };
        var containers = new List<ObservedContainer>();
        for (var i = 0; i < Texts.Length; i++)
        {
            var id = $"{i:x2}" + new string('c', 62);
            var (mode, endpoints) = (i % 4) switch
            {
                0 => ("bridge", new[] { Observations.Endpoint("bridge", Observations.BridgeId, $"172.17.0.{i + 2}", 16, "172.17.0.1", $"02:42:ac:11:00:{i + 2:x2}") }),
                1 => (NetworkA, new[]
                {
                    Observations.Endpoint(NetworkA, NetA, $"172.28.0.{i + 2}", 16, "172.28.0.1", $"02:42:ac:1c:00:{i + 2:x2}"),
                    Observations.Endpoint(NetworkB, NetB, $"10.99.0.{i + 2}", 24, "10.99.0.1", $"02:42:0a:63:00:{i + 2:x2}"),
                }),
                2 => (NetworkB, new[] { Observations.Endpoint(NetworkB, NetB, $"10.99.0.{i + 2}", 24, "10.99.0.1", $"02:42:0a:63:01:{i + 2:x2}") }),
                _ => ("host", new[] { Observations.EmptyEndpoint("host", "ee9e53b71c8c") }),
            };
            containers.Add(Observations.Container(id, "c" + i + " " + Texts[i], mode, endpoints) with
            {
                Image = Texts[(i + 3) % Texts.Length] + ":" + Texts[(i + 7) % Texts.Length],
                State = i % 5 == 4 ? "exited" : "running",
                Labels = ImmutableDictionary<string, string>.Empty.Add("label " + Texts[i], Texts[(i + 1) % Texts.Length]),
                Ports = i % 4 == 0 ? [new ObservedPort { PrivatePort = 80, PublicPort = 8000 + i, Type = "tcp", Ip = "0.0.0.0" }] : [],
            });
        }
        // One that shares the namespace of the first, and one isolated.
        containers.Add(Observations.Container(new string('d', 64), "sharer " + Texts[0], "container:" + containers[0].Id) with { Image = Texts[5] });
        containers.Add(Observations.Container(new string('e', 64), "isolated " + Texts[4], "none", Observations.EmptyEndpoint("none", "f830154760f7")) with { Image = Texts[2] });

        var daemon = Observations.Daemon(networks, containers) with
        {
            Host = Observations.Host() with { Name = "host " + Texts[0] + Texts[5] },
        };
        return TopologyBuilder.Build([daemon], 7, DateTimeOffset.UnixEpoch);
    }

    /// <summary>What a hostile string looks like once an export has made it safe for text: control characters gone.</summary>
    public static string Visible(string text) => NetDashboard.Core.Export.SvgExporter.Clean(text);
}
