using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Export;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;

namespace NetDashboard.Core.Tests.Export;

public class ExportTests
{
    private static TopologySnapshot Seed() => TopologyBuilder.Build([DemoDaemon.Seed().Observe()], 1, DateTimeOffset.UnixEpoch);

    /// <summary>What the seed's map says, that every export must say too.</summary>
    private static List<string> SeedFacts(TopologySnapshot snapshot)
    {
        var facts = new List<string>();
        facts.AddRange(snapshot.Containers.Select(c => c.Name));
        facts.AddRange(snapshot.Containers.Select(c => c.Image));
        facts.AddRange(snapshot.Networks.Where(n => n.Driver is not ("host" or "null")).Select(n => $"{n.Name} ({n.Driver})"));
        facts.Add("host network stack");
        facts.Add("isolated (none)");
        foreach (var e in snapshot.Containers.SelectMany(c => c.Endpoints).Where(e => e.Ipv4 is not null))
        {
            facts.Add($"{e.Ipv4}/{e.Ipv4PrefixLength}");
        }
        var web = snapshot.FindContainer("web")!;
        Assert.NotNull(web.Endpoints[0].HostInterface);
        facts.Add($"eth0 ⇄ {web.Endpoints[0].HostInterface}");
        facts.Add("0.0.0.0:8081, [::]:8081 → 8080/tcp");
        facts.Add("shares network namespace");
        facts.Add("docker0");
        return facts;
    }

    private static string DecodeMermaid(string text) =>
        Regex.Replace(text, "#([0-9]+);", m => char.ConvertFromUtf32(int.Parse(m.Groups[1].Value)));

    private static string DecodeDot(string text) => text.Replace("\\\"", "\"").Replace("\\\\", "\\").Replace("&amp;", "&");

    private static string SvgText(string svg) =>
        string.Join("\n", XDocument.Parse(svg).Descendants().Where(e => !e.HasElements || e.Name.LocalName == "text").Select(e => e.Value));

    [Fact]
    public void The_seed_export_says_everything_the_map_says_in_every_format()
    {
        var snapshot = Seed();
        var facts = SeedFacts(snapshot);
        var mermaid = DecodeMermaid(MermaidExporter.Export(snapshot));
        var dot = DecodeDot(DotExporter.Export(snapshot));
        var svg = SvgText(SvgExporter.Export(snapshot));
        var json = JsonExporter.Export(snapshot);
        foreach (var fact in facts)
        {
            Assert.True(mermaid.Contains(fact, StringComparison.Ordinal), $"Mermaid lacks '{fact}'");
            Assert.True(dot.Contains(fact, StringComparison.Ordinal), $"DOT lacks '{fact}'");
            Assert.True(svg.Contains(fact, StringComparison.Ordinal), $"SVG lacks '{fact}'");
        }
        // JSON is the document itself.
        var back = TopologyJson.Deserialize<TopologySnapshot>(json)!;
        Assert.Equal(snapshot.Containers.Select(c => c.Name), back.Containers.Select(c => c.Name));
        Assert.Equal(snapshot.Networks.Select(n => n.Name), back.Networks.Select(n => n.Name));
        Assert.Contains(snapshot.FindContainer("web")!.Endpoints[0].HostInterface!, json);
        Assert.Equal(TopologyJson.Serialize(snapshot), json);
    }

    [Fact]
    public void The_seed_mermaid_has_a_subgraph_per_region_a_shape_per_kind_and_a_style_per_edge()
    {
        var snapshot = Seed();
        var text = MermaidExporter.Export(snapshot);
        var graph = TopologyGraphBuilder.Build(snapshot);
        Assert.StartsWith("flowchart LR\n", text);
        var lines = text.Split('\n');
        Assert.Equal(5, lines.Count(l => l.TrimStart().StartsWith("subgraph ", StringComparison.Ordinal))); // host stack, bridge, app-net, backend, isolated
        Assert.Equal(lines.Count(l => l.TrimStart().StartsWith("subgraph ", StringComparison.Ordinal)), lines.Count(l => l.Trim() == "end"));
        Assert.Single(lines, l => Regex.IsMatch(l, "^  n[0-9]+\\{\\{\"")); // the host, a hexagon
        Assert.Equal(3, lines.Count(l => Regex.IsMatch(l, "^    n[0-9]+\\(\\[\""))); // three bridges, stadiums
        Assert.Equal(graph.Edges.Length, lines.Count(l => Regex.IsMatch(l, "^  n[0-9]+ (---|===|-\\.-|-\\.->)")));
        Assert.Contains(lines, l => l.StartsWith("  linkStyle ", StringComparison.Ordinal) && l.Contains("stroke-dasharray:7 5"));
        Assert.Contains(lines, l => l.Contains(" -.->|\"", StringComparison.Ordinal)); // the published ports, labelled
    }

    [Fact]
    public void Hostile_text_stays_inside_mermaid_labels()
    {
        var snapshot = HostileTopology.Build();
        var text = MermaidExporter.Export(snapshot);
        var graph = TopologyGraphBuilder.Build(snapshot);
        var label = "\"[A-Za-z0-9 .,\\-_/+=@#;]*(<br/>[A-Za-z0-9 .,\\-_/+=@#;]*)*\"";
        var allowed = new[]
        {
            "^flowchart LR$",
            "^  %% NetDashboard topology, revision [0-9]+$",
            "^  classDef [a-z]+ [a-z0-9:#.,\\- ]+$",
            "^ +n[0-9]+(\\{\\{" + label + "\\}\\}|\\(\\[" + label + "\\]\\)|\\[/" + label + "/\\]|\\[\\[" + label + "\\]\\]|\\[" + label + "\\])$",
            "^  subgraph g[0-9]+\\[" + label + "\\]$",
            "^  end$",
            "^  n[0-9]+ (---|===|-\\.-|-\\.->)(\\|" + label + "\\|)? n[0-9]+$",
            "^  linkStyle [0-9,]+ [a-z0-9:#.,\\- ]+$",
            "^  class [n0-9,]+ [a-z]+$",
        };
        var lines = text.TrimEnd('\n').Split('\n');
        foreach (var line in lines)
        {
            Assert.True(allowed.Any(p => Regex.IsMatch(line, p)), $"Unexpected Mermaid line: {line}");
        }
        Assert.Equal(graph.Nodes.Length, lines.Count(l => Regex.IsMatch(l, "^ +n[0-9]+[\\[\\(\\{]")));
        Assert.Equal(graph.Edges.Length, lines.Count(l => Regex.IsMatch(l, "^  n[0-9]+ (---|===|-\\.-|-\\.->)")));
        // And the text itself is all there, as entity codes.
        var decoded = DecodeMermaid(text);
        foreach (var c in snapshot.Containers)
        {
            Assert.Contains(HostileTopology.Visible(c.Name), decoded);
        }
    }

    [Fact]
    public void Dot_parses_with_graphviz_for_the_seed_and_for_hostile_text()
    {
        foreach (var snapshot in new[] { Seed(), HostileTopology.Build() })
        {
            var graph = TopologyGraphBuilder.Build(snapshot);
            var svg = Graphviz.Render(DotExporter.Export(snapshot));
            var doc = XDocument.Parse(svg);
            XNamespace ns = "http://www.w3.org/2000/svg";
            // Exactly our nodes, edges and regions: no name turned into a statement.
            Assert.Equal(graph.Nodes.Length, doc.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "node"));
            Assert.Equal(graph.Edges.Length, doc.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "edge"));
            Assert.Equal(graph.Regions.Count(g => TopologyExport.Drawn(g, graph)), doc.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "cluster"));
            Assert.Empty(doc.Descendants(ns + "script"));
            var text = string.Concat(doc.Descendants(ns + "text").Select(t => t.Value));
            foreach (var c in snapshot.Containers.Where(c => !c.Name.Contains('\n')))
            {
                Assert.Contains(HostileTopology.Visible(c.Name).Replace(" ", "", StringComparison.Ordinal), text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [InlineData(ExportTheme.Light, true)]
    [InlineData(ExportTheme.Dark, true)]
    [InlineData(ExportTheme.Light, false)]
    public void The_svg_is_well_formed_scriptless_and_self_contained_with_hostile_text(ExportTheme theme, bool legend)
    {
        foreach (var snapshot in new[] { Seed(), HostileTopology.Build() })
        {
            var svg = SvgExporter.Export(snapshot, new ExportOptions { Theme = theme, Legend = legend });
            var doc = XDocument.Parse(svg);
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.Equal(ns + "svg", doc.Root!.Name);
            Assert.Equal("1.1", (string?)doc.Root.Attribute("version"));
            Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName is "script" or "foreignObject" or "a" or "image" or "use" or "iframe");
            Assert.DoesNotContain(doc.Descendants(), e => e.Name.Namespace != ns);
            foreach (var attribute in doc.Descendants().SelectMany(e => e.Attributes()))
            {
                Assert.False(attribute.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event attribute {attribute}");
                Assert.False(attribute.Name.LocalName.Contains("href", StringComparison.OrdinalIgnoreCase), $"reference {attribute}");
                Assert.DoesNotContain("javascript:", attribute.Value, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("url(", attribute.Value, StringComparison.OrdinalIgnoreCase);
            }
            var style = Assert.Single(doc.Descendants(ns + "style")).Value;
            Assert.DoesNotContain("url(", style);
            Assert.DoesNotContain("@import", style);
            Assert.Contains(theme == ExportTheme.Dark ? "#27272f" : "#f5f5f5", style);
            Assert.Equal(legend, doc.Descendants(ns + "g").Any(g => (string?)g.Attribute("class") == "legend"));

            // Hostile text is there in full as text (each node's title), never as markup.
            foreach (var c in snapshot.Containers)
            {
                var visible = HostileTopology.Visible(c.Name);
                Assert.Contains(doc.Descendants(ns + "title"), t => t.Value.StartsWith(visible + " · ", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void The_svg_draws_the_map_layout_regions_and_nodes()
    {
        var snapshot = Seed();
        var graph = TopologyGraphBuilder.Build(snapshot);
        var doc = XDocument.Parse(SvgExporter.Export(snapshot));
        XNamespace ns = "http://www.w3.org/2000/svg";
        string? Class(XElement e) => (string?)e.Attribute("class");
        Assert.Equal(graph.Nodes.Count(n => n.Kind == MapNodeKind.Container), doc.Descendants(ns + "g")
            .Count(g => Class(g)?.StartsWith("node container", StringComparison.Ordinal) == true && !g.Ancestors().Any(a => Class(a) == "legend")));
        Assert.Equal(5, doc.Descendants(ns + "g").Count(g => Class(g)?.StartsWith("region region-", StringComparison.Ordinal) == true && g.Parent?.Name == ns + "g" && Class(g.Parent!) is null));
        var lines = doc.Descendants(ns + "path").Where(p => !p.Ancestors().Any(a => Class(a) == "legend")).Select(p => Class(p.Parent!)).ToList();
        Assert.Equal(graph.Edges.Length, lines.Count);
        Assert.Single(lines, c => c == "link link-shares");
        Assert.Single(lines, c => c == "link link-host-stack link-warning"); // monitor's -p discarded
        Assert.Equal(2, lines.Count(c => c == "link link-published"));
        Assert.Equal(3, lines.Count(c => c == "link link-uplink"));
        Assert.Contains(doc.Descendants(ns + "g"), g => Class(g) == "node container state-exited dimmed" || Class(g) == "node container state-running");
    }

    [Fact]
    public void Narrowing_to_a_network_keeps_its_containers_and_their_host_only()
    {
        var snapshot = Seed();
        string[] Names(string network) => TopologyExport.Narrow(snapshot, network).Containers.Select(c => c.Name).Order().ToArray();
        Assert.Equal(["api", "db", "worker"], Names("app-net"));
        Assert.Equal(["db"], Names("backend"));
        Assert.Equal(["web", "web-sidecar"], Names("bridge")); // the sidecar shares web's namespace
        Assert.Equal(["monitor"], Names("host"));
        Assert.Equal(["batch"], Names("none"));
        var appNet = snapshot.FindNetwork("app-net")!;
        Assert.Equal(["api", "db", "worker"], Names(appNet.Id)); // by id
        Assert.Equal(["api", "db", "worker"], Names(appNet.Id[..12])); // by id prefix

        var narrowed = TopologyExport.Narrow(snapshot, "app-net", "demo");
        Assert.Equal([appNet.Id], narrowed.Networks.Select(n => n.Id));
        Assert.Equal(["demo"], narrowed.Hosts.Select(h => h.Id));
        var mermaid = DecodeMermaid(MermaidExporter.Export(narrowed));
        Assert.Contains("\"db<br/>", MermaidExporter.Export(narrowed));
        Assert.DoesNotContain("monitor", mermaid);
        Assert.DoesNotContain("web", mermaid);
        Assert.DoesNotContain("backend", mermaid);
        var dot = DotExporter.Export(narrowed);
        Assert.DoesNotContain("monitor", dot);
        Graphviz.Render(dot);
        XDocument.Parse(SvgExporter.Export(narrowed));

        Assert.Equal(snapshot, TopologyExport.Narrow(snapshot, null));
        Assert.Throws<KeyNotFoundException>(() => TopologyExport.Narrow(snapshot, "no-such-network"));
        Assert.Throws<KeyNotFoundException>(() => TopologyExport.Narrow(snapshot, "app-net", "no-such-host"));
    }

    [Fact]
    public void Narrowing_a_hostile_topology_by_its_hostile_name_works()
    {
        var snapshot = HostileTopology.Build();
        var narrowed = TopologyExport.Narrow(snapshot, HostileTopology.NetworkB);
        Assert.Equal([HostileTopology.NetB], narrowed.Networks.Select(n => n.Id));
        Assert.All(narrowed.Containers, c => Assert.Contains(c.Endpoints, e => e.NetworkId == HostileTopology.NetB));
        Assert.NotEmpty(narrowed.Containers);
        Graphviz.Render(DotExporter.Export(narrowed));
    }

    [Fact]
    public void Formats_parse_and_name_their_media_types()
    {
        Assert.True(TopologyExport.TryParseFormat("SVG", out var svg));
        Assert.Equal(ExportFormat.Svg, svg);
        Assert.True(TopologyExport.TryParseFormat("PNG", out var png));
        Assert.Equal(ExportFormat.Png, png);
        Assert.False(TopologyExport.TryParseFormat("gif", out _));
        Assert.Equal("image/png", TopologyExport.ContentType(ExportFormat.Png));
        Assert.Equal("text/vnd.mermaid; charset=utf-8", TopologyExport.ContentType(ExportFormat.Mermaid));
        Assert.Equal("text/vnd.graphviz; charset=utf-8", TopologyExport.ContentType(ExportFormat.Dot));
        Assert.Equal("image/svg+xml; charset=utf-8", TopologyExport.ContentType(ExportFormat.Svg));
        Assert.Equal("application/json; charset=utf-8", TopologyExport.ContentType(ExportFormat.Json));
        Assert.Equal(["mermaid", "dot", "svg", "json", "png"], TopologyExport.FormatNames);
    }

    [Fact]
    public void Escapers_neutralise_their_format_syntax()
    {
        Assert.Equal("a#34;b#124;c#60;d#35;e#37;#37;f#58;g", MermaidExporter.Text("a\"b|c<d#e%%f:g"));
        Assert.Equal("line1 line2", MermaidExporter.Text("line1\nline2"));
        Assert.Equal("#128051;", MermaidExporter.Text("🐳"));
        Assert.Equal("\"a\\\"b\\\\c\\nd &amp;\"", DotExporter.Quote("a\"b\\c\nd &"));
        Assert.Equal("ab", SvgExporter.Clean("a\u0001\uD800b"));
    }
}

/// <summary>Graphviz's <c>dot</c> (Debian's graphviz package; scripts/test.sh installs it).</summary>
internal static class Graphviz
{
    public static string Render(string dot)
    {
        var path = new[] { "/usr/bin/dot", "/usr/local/bin/dot" }.FirstOrDefault(File.Exists)
                   ?? throw new InvalidOperationException(
                       "Graphviz's `dot` is missing: install Debian's graphviz (apt-get install -y graphviz; scripts/test.sh does).");
        var start = new ProcessStartInfo(path, "-Tsvg")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(dot);
        process.StandardInput.Close();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("dot -Tsvg did not finish within 60 s.");
        }
        var errors = stderr.Result;
        Assert.True(process.ExitCode == 0, $"dot -Tsvg failed ({process.ExitCode}): {errors}\n--- input ---\n{dot}");
        Assert.True(string.IsNullOrWhiteSpace(errors), $"dot -Tsvg complained: {errors}");
        return stdout.Result;
    }
}
