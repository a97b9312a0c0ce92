using System.Collections.Immutable;
using System.Text.Json;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Export;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>
/// The Mermaid export renders with the real <c>mermaid</c> npm package (pinned in <c>mermaid/package.json</c>,
/// installed by scripts/test.sh) in Chromium: the seed's and a topology full of hostile text, which must stay text.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExportRenderTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Hostile =
    [
        "q\"uote' [br]acket {br}ace (p) |pipe| <script>window.__pwned=1</script>",
        "end",
        "graph subgraph click n1 call alert() style n1 fill:#f00",
        "classDef evil fill:#f00; flowchart LR %% comment",
        "%%{init: {\"securityLevel\":\"loose\"}}%% <img src=x onerror=\"window.__pwned=2\">",
        "node edge strict digraph } { -> \"x\" \\N",
        "a & b &amp; #quot; #lt; &lt; ]]>",
        "line1\nline2\tTab\u0001ctl",
        "🐳 whale 🚀 שלום عربي",
        "back\\slash\\ `backtick` **bold** ; : # %",
    ];

    [Fact]
    public async Task The_seed_mermaid_renders_with_every_label()
    {
        var snapshot = TopologyBuilder.Build([DemoDaemon.Seed().Observe()], 1, DateTimeOffset.UnixEpoch);
        var web = snapshot.FindContainer("web")!;
        var expected = snapshot.Containers.Select(c => c.Name)
            .Concat(["docker0", $"{web.Endpoints[0].Ipv4}/16", $"eth0 ⇄ {web.Endpoints[0].HostInterface}", "shares network namespace", "host network stack"])
            .ToList();
        var (svg, text) = await RenderAsync(MermaidExporter.Export(snapshot));
        foreach (var label in expected)
        {
            Assert.True(text.Contains(label, StringComparison.Ordinal), $"The rendered diagram lacks '{label}'");
        }
        Assert.Contains("0.0.0.0:8081, [::]:8081 → 8080/tcp", Normalize(text));
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Hostile_text_renders_as_text_and_creates_no_element()
    {
        var snapshot = HostileSnapshot();
        var (svg, text) = await RenderAsync(MermaidExporter.Export(snapshot));
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", svg, StringComparison.OrdinalIgnoreCase);
        // No tag carries an event attribute (the hostile "onerror=" is there, escaped, as text only).
        Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex("<[a-zA-Z][^<>]*\\son[a-z]+\\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase), svg);
        Assert.Contains("&lt;img src=x onerror=", svg);
        var normalized = Normalize(text);
        // Every container's name is there as text, markup and all.
        foreach (var c in snapshot.Containers)
        {
            var visible = Normalize(SvgExporter.Clean(c.Name));
            Assert.True(normalized.Contains(visible, StringComparison.Ordinal), $"The rendered diagram lacks '{visible}'");
        }
        Assert.Contains("<script>window.__pwned=1</script>", normalized);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Renders in a blank page with mermaid.min.js; returns the SVG markup and the text a reader sees once it is in the page.</summary>
    private async Task<(string Svg, string Text)> RenderAsync(string mermaidText)
    {
        var script = MermaidScript();
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") { consoleErrors.Add(m.Text); } };
        await page.SetContentAsync("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><div id=\"out\"></div></body></html>");
        await page.EvaluateAsync("() => { window.__pwned = 0; window.alert = () => { window.__pwned = 99; }; }");
        await page.AddScriptTagAsync(new() { Path = script });
        var result = await page.EvaluateAsync<JsonElement>("""
            async text => {
              mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', maxTextSize: 1000000 });
              try {
                const { svg } = await mermaid.render('x', text);
                const out = document.getElementById('out');
                out.innerHTML = svg;
                await new Promise(r => setTimeout(r, 300));
                return {
                  ok: true, svg,
                  text: out.textContent,
                  injected: out.querySelectorAll('script, img, iframe, object, embed, a[href^="javascript"], [onerror], [onload], [onclick]').length,
                  pwned: window.__pwned,
                  nodes: out.querySelectorAll('g.node').length,
                };
              } catch (e) {
                return { ok: false, error: String((e && e.message) || e) };
              }
            }
            """, mermaidText);
        if (!result.GetProperty("ok").GetBoolean())
        {
            output.WriteLine(mermaidText);
            Assert.Fail($"mermaid.render failed: {result.GetProperty("error").GetString()}");
        }
        Assert.Equal(0, result.GetProperty("injected").GetInt32());
        Assert.Equal(0, result.GetProperty("pwned").GetInt32());
        Assert.True(result.GetProperty("nodes").GetInt32() > 0, "no node was drawn");
        output.WriteLine($"rendered {result.GetProperty("nodes").GetInt32()} nodes; console errors: {string.Join(" | ", consoleErrors)}");
        return (result.GetProperty("svg").GetString()!, result.GetProperty("text").GetString()!);
    }

    private static string MermaidScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "NetDashboard.EndToEnd.Tests", "mermaid", "node_modules", "mermaid", "dist", "mermaid.min.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
            if (File.Exists(Path.Combine(dir.FullName, "NetDashboard.sln")))
            {
                throw new InvalidOperationException(
                    $"{candidate} is missing: run `npm install` in tests/NetDashboard.EndToEnd.Tests/mermaid (scripts/test.sh does).");
            }
        }
        throw new InvalidOperationException("NetDashboard.sln not found above the test binaries; cannot find the mermaid package.");
    }

    /// <summary>A topology whose names, images, network names and host name are all hostile text.</summary>
    internal static TopologySnapshot HostileSnapshot()
    {
        const string bridgeId = "b21f486f0c9aa0c00f2dc96408ab95e68d8ee13dd5234826b126cd39ca4db120";
        var netId = new string('a', 64);
        var netName = "net " + Hostile[0] + Hostile[5];
        var networks = ImmutableArray.Create(
            new ObservedNetwork
            {
                Id = bridgeId, Name = "bridge", Driver = "bridge", Scope = "local",
                IpamConfig = [new ObservedIpamConfig { Subnet = "172.17.0.0/16", Gateway = "172.17.0.1" }],
                Options = ImmutableDictionary<string, string>.Empty.Add("com.docker.network.bridge.name", "docker0"),
            },
            new ObservedNetwork { Id = "ee9e53b71c8c", Name = "host", Driver = "host", Scope = "local" },
            new ObservedNetwork { Id = "f830154760f7", Name = "none", Driver = "null", Scope = "local" },
            new ObservedNetwork
            {
                Id = netId, Name = netName, Driver = "bridge", Scope = "local",
                IpamConfig = [new ObservedIpamConfig { Subnet = "172.28.0.0/16", Gateway = "172.28.0.1" }],
                Options = ImmutableDictionary<string, string>.Empty.Add("com.docker.network.bridge.name", "br-" + Hostile[3]),
            });
        var containers = new List<ObservedContainer>();
        for (var i = 0; i < Hostile.Length; i++)
        {
            var onUser = i % 2 == 1;
            containers.Add(new ObservedContainer
            {
                Id = $"{i:x2}" + new string('c', 62),
                Names = ["/c" + i + " " + Hostile[i]],
                Image = Hostile[(i + 3) % Hostile.Length],
                State = i % 4 == 3 ? "exited" : "running",
                NetworkMode = onUser ? netName : "bridge",
                Labels = ImmutableDictionary<string, string>.Empty.Add(Hostile[i], Hostile[(i + 1) % Hostile.Length]),
                Ports = i % 3 == 0 ? [new ObservedPort { PrivatePort = 80, PublicPort = 8000 + i, Type = "tcp", Ip = "0.0.0.0" }] : [],
                Endpoints =
                [
                    new ObservedEndpoint
                    {
                        NetworkName = onUser ? netName : "bridge", NetworkId = onUser ? netId : bridgeId, EndpointId = "ep" + i,
                        IpAddress = onUser ? $"172.28.0.{i + 2}" : $"172.17.0.{i + 2}", IpPrefixLen = 16,
                        Gateway = onUser ? "172.28.0.1" : "172.17.0.1", MacAddress = $"02:42:ac:11:00:{i + 2:x2}",
                    },
                ],
            });
        }
        containers.Add(new ObservedContainer
        {
            Id = new string('d', 64), Names = ["/sharer " + Hostile[4]], Image = Hostile[2], State = "running",
            NetworkMode = "container:" + containers[0].Id,
        });
        var daemon = new DaemonObservation
        {
            Host = new ObservedHost
            {
                Id = "local", Name = "host " + Hostile[1] + " " + Hostile[6], Endpoint = "unix:///var/run/docker.sock",
                Connected = true, EngineVersion = "20.10.24", ApiVersion = "1.41",
            },
            Networks = networks,
            Containers = [.. containers],
        };
        return TopologyBuilder.Build([daemon], 1, DateTimeOffset.UnixEpoch);
    }
}
