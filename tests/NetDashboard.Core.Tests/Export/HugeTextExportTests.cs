using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetDashboard.Core.Building;
using NetDashboard.Core.Export;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Tests.Export;

/// <summary>
/// 100 KB of hostile text (markup, quotes, newlines, control and bidi characters, repeated) in a container's name,
/// image and label and a network's name, label and option: every export still parses, keeps its shape (no injected
/// line, statement or element) and the JSON gives the text back exactly.
/// </summary>
public sealed class HugeTextExportTests
{
    private static readonly string Chunk = "<img src=x onerror=alert(1)><script>alert(1)</script> \"q\" 'a' `b` \n\r\t\u0001\u001B[31m \u202Eevil\u202C ";

    private static readonly string Huge = string.Concat(Enumerable.Repeat(Chunk, (100 * 1024 / Chunk.Length) + 1));

    private static TopologySnapshot Build()
    {
        var netId = new string('a', 64);
        var networks = new[]
        {
            Observations.DefaultBridge("172.17.0.1"),
            Observations.HostNetwork(),
            Observations.NoneNetwork(),
            Observations.UserNetwork(netId, "net " + Huge, "172.28.0.0/16", "172.28.0.1",
                options: new Dictionary<string, string> { ["com.docker.network.bridge.name"] = "br-x", ["evil " + Chunk] = Huge }) with
            {
                Labels = ImmutableDictionary<string, string>.Empty.Add("label", Huge),
            },
        };
        var containers = new[]
        {
            Observations.Container(new string('c', 64), "huge " + Huge, "net " + Huge,
                Observations.Endpoint("net " + Huge, netId, "172.28.0.2", 16, "172.28.0.1", "02:42:ac:1c:00:02")) with
            {
                Image = "img " + Huge,
                Labels = ImmutableDictionary<string, string>.Empty.Add("netdashboard.test", "1").Add("huge", Huge),
            },
            Observations.Container(new string('d', 64), "plain", "bridge",
                Observations.Endpoint("bridge", Observations.BridgeId, "172.17.0.2", 16, "172.17.0.1", "02:42:ac:11:00:02")),
        };
        return TopologyBuilder.Build([Observations.Daemon(networks, containers)], 3, DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void The_json_export_parses_and_gives_the_text_back_exactly()
    {
        Assert.True(Huge.Length >= 100 * 1024);
        using var doc = JsonDocument.Parse(JsonExporter.Export(Build()));
        var containers = doc.RootElement.GetProperty("containers").EnumerateArray().ToList();
        Assert.Equal(2, containers.Count);
        var huge = containers.Single(c => c.GetProperty("name").GetString()!.StartsWith("huge ", StringComparison.Ordinal));
        Assert.Equal("huge " + Huge, huge.GetProperty("name").GetString());
        Assert.Equal(Huge, huge.GetProperty("labels").GetProperty("huge").GetString());
    }

    [Fact]
    public void The_svg_export_is_well_formed_and_scriptless()
    {
        var snapshot = Build();
        var doc = XDocument.Parse(SvgExporter.Export(snapshot));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName is "script" or "foreignObject" or "a" or "image" or "iframe" or "img");
        Assert.DoesNotContain(doc.Descendants().SelectMany(e => e.Attributes()), a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(doc.Descendants(ns + "title"), t => t.Value.StartsWith(HostileTopology.Visible("huge " + Huge) + " · ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_mermaid_export_keeps_one_statement_per_line()
    {
        var snapshot = Build();
        var text = MermaidExporter.Export(snapshot);
        var graph = TopologyGraphBuilder.Build(snapshot);
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.DoesNotContain('\r', text);
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", text, StringComparison.OrdinalIgnoreCase);
        Assert.All(lines, l => Assert.Matches("^(flowchart LR|  (%%|classDef|subgraph|end|linkStyle|class|n[0-9]+)|    +n[0-9]+)", l));
        Assert.Equal(graph.Nodes.Length, lines.Count(l => Regex.IsMatch(l, "^ +n[0-9]+[\\[\\(\\{]")));
        Assert.Equal(graph.Edges.Length, lines.Count(l => Regex.IsMatch(l, "^  n[0-9]+ (---|===|-\\.-|-\\.->)")));
    }

    [Fact]
    public void The_dot_export_parses_with_graphviz_into_exactly_its_nodes_and_edges()
    {
        var snapshot = Build();
        var graph = TopologyGraphBuilder.Build(snapshot);
        var dot = DotExporter.Export(snapshot);
        Assert.DoesNotContain('\r', dot);
        var doc = XDocument.Parse(Graphviz.Render(dot));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(graph.Nodes.Length, doc.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "node"));
        Assert.Equal(graph.Edges.Length, doc.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "edge"));
        Assert.Empty(doc.Descendants(ns + "script"));
    }
}
