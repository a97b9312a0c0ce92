using NetDashboard.Core.Analysis;
using NetDashboard.Docker.Kernel;

namespace NetDashboard.Docker.Tests;

/// <summary>
/// The nftables backend read for real: Engine 29's <c>docker-bridges</c> tables (Recordings/nftables/docker-bridges.nft,
/// built from moby's sources) loaded with Debian's nft into a network namespace this test owns, then read through the
/// reader the NAT path uses (nsenter into the namespace, <c>nft -j list table ip|ip6 docker-bridges</c>, the Core parser).
/// The namespace is removed even when an assertion fails. Needs root and Debian's nftables (scripts/test.sh installs it).
/// </summary>
public sealed class NftablesReadTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static string Recording(string name) => Path.Combine(AppContext.BaseDirectory, "Recordings", "nftables", name);

    private static async Task RunAsync(string file, params string[] args)
    {
        var (code, stdout, stderr) = await ProcessRunner.RunAsync(file, args, Timeout);
        Assert.True(code == 0, $"{file} {string.Join(' ', args)} failed ({code}): {stderr}{stdout}");
    }

    /// <summary>A network namespace of the test's own (<c>ip netns add</c>), removed on dispose.</summary>
    private sealed class OwnNamespace : IAsyncDisposable
    {
        public string Name { get; } = $"nd-nft-{Guid.NewGuid():N}"[..20];

        public string Path => $"/var/run/netns/{Name}";

        public static async Task<OwnNamespace> CreateAsync()
        {
            var ns = new OwnNamespace();
            await RunAsync("ip", "netns", "add", ns.Name);
            return ns;
        }

        public async ValueTask DisposeAsync() => await RunAsync("ip", "netns", "del", Name);
    }

    [Fact]
    public async Task Engine_29s_tables_in_a_daemons_namespace_are_read_and_parsed_as_the_recorded_answer_says()
    {
        await using var ns = await OwnNamespace.CreateAsync();
        await RunAsync("ip", "netns", "exec", ns.Name, "nft", "-f", Recording("docker-bridges.nft"));

        var reader = new KernelNatReader(TimeProvider.System);
        var read = await reader.ReadNamespaceAsync(ns.Path, "the test's namespace", FirewallBackends.Nftables, CancellationToken.None);
        Assert.Null(read.Error);
        Assert.Equal(("nft", "the test's namespace"), (read.Tool, read.Namespace));
        var rules = read.Table!;
        Assert.Equal((FirewallBackends.Nftables, true), (rules.Backend, rules.HasDockerRules));

        // What the live kernel lists is what the recorded answer (record-nft.sh) holds, rule for rule.
        var recorded = NftablesNat.Parse(File.ReadAllText(Recording("docker-bridges.ip.json")), File.ReadAllText(Recording("docker-bridges.ip6.json")));
        Assert.Equal(recorded.Dnat.AsEnumerable(), rules.Dnat.AsEnumerable());
        Assert.Equal(recorded.Masquerade.AsEnumerable(), rules.Masquerade.AsEnumerable());
        Assert.Contains(rules.Dnat, r => r is { HostPort: 8081, ToAddress: "fd00:28::2", ToPort: 8080 }); // from the ip6 table
        Assert.Equal(3, rules.Dnat.Length);

        // The same namespace read as an iptables daemon's: no DOCKER chain there (nothing of iptables' own).
        var asIptables = await reader.ReadNamespaceAsync(ns.Path, "the test's namespace", FirewallBackends.Iptables, CancellationToken.None);
        Assert.Null(asIptables.Table);
        Assert.Contains("in the test's namespace shows no DOCKER chain", asIptables.Error);
    }

    [Fact]
    public async Task A_namespace_without_the_tables_is_a_sentence_not_a_comparison()
    {
        await using var ns = await OwnNamespace.CreateAsync();
        var read = await new KernelNatReader(TimeProvider.System).ReadNamespaceAsync(ns.Path, "the test's namespace", FirewallBackends.Nftables, CancellationToken.None);
        Assert.Null(read.Table);
        Assert.Equal("the test's namespace has no nftables table ip docker-bridges (the daemon may run with --iptables=false)", read.Error);
    }
}
