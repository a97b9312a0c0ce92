using System.Text.RegularExpressions;
using NetDashboard.TestSupport;

namespace NetDashboard.Web.Tests.Infrastructure;

/// <summary>What the kernel says, asked the way docker-lab.md describes: nsenter into the sandbox, then the host's sysfs.</summary>
public static partial class Kernel
{
    public sealed record VethPair(string ContainerInterface, string Mac, int HostIndex, string HostName, string? Bridge);

    /// <summary>The veth pairs of a container, by MAC, from <c>nsenter --net=SANDBOX ip -o link</c>.</summary>
    public static async Task<IReadOnlyList<VethPair>> VethPairsAsync(string sandboxKey)
    {
        var (code, stdout, stderr) = await DockerCli.RunProcessAsync("nsenter", ["--net=" + sandboxKey, "ip", "-o", "link"], TimeSpan.FromSeconds(20));
        Assert.True(code == 0, $"nsenter failed: {stderr}");
        var pairs = new List<VethPair>();
        foreach (Match m in LinkLine().Matches(stdout))
        {
            var index = int.Parse(m.Groups["peer"].Value);
            var hostName = Directory.EnumerateDirectories("/sys/class/net")
                .FirstOrDefault(d => File.ReadAllText(Path.Combine(d, "ifindex")).Trim() == index.ToString());
            Assert.NotNull(hostName);
            var master = new FileInfo(Path.Combine(hostName, "master")).LinkTarget;
            pairs.Add(new VethPair(m.Groups["name"].Value, m.Groups["mac"].Value, index, Path.GetFileName(hostName), master is null ? null : Path.GetFileName(master)));
        }
        return pairs;
    }

    /// <summary>The IPv4 address of an interface of the host, from <c>ip -4 -o addr</c>.</summary>
    public static async Task<string?> AddressOfAsync(string interfaceName)
    {
        var (_, stdout, _) = await DockerCli.RunProcessAsync("ip", ["-4", "-o", "addr", "show", "dev", interfaceName], TimeSpan.FromSeconds(10));
        var m = InetLine().Match(stdout);
        return m.Success ? m.Groups["ip"].Value : null;
    }

    public static bool IsBridge(string interfaceName) => Directory.Exists($"/sys/class/net/{interfaceName}/bridge");

    [GeneratedRegex(@"^\d+: (?<name>[^@:\s]+)@if(?<peer>\d+):.*?link/ether (?<mac>[0-9a-f:]{17})", RegexOptions.Multiline)]
    private static partial Regex LinkLine();

    [GeneratedRegex(@"inet (?<ip>[0-9.]+)/")]
    private static partial Regex InetLine();
}
