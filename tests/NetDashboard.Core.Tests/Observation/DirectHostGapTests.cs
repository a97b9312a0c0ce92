using NetDashboard.Core.Building;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Tests.Observation;

/// <summary>A host's card says what a direct network connection to its daemon cannot show; a local socket or a collector-fed host has no such gap.</summary>
public sealed class DirectHostGapTests
{
    [Theory]
    [InlineData("tcp://10.0.0.5:2376", true)]
    [InlineData("ssh://admin@box", true)]
    [InlineData("unix:///var/run/docker.sock", false)]
    [InlineData("collector at 10.0.0.5: unix:///var/run/docker.sock", false)]
    public void A_daemon_reached_directly_over_the_network_says_its_kernel_is_out_of_reach(string endpoint, bool gap)
    {
        var host = new ObservedHost { Id = "h", Name = "h", Endpoint = endpoint, Connected = true, ApiVersion = "1.52", FirewallBackend = "iptables" };
        var gaps = EngineGaps.Of(host);
        if (gap)
        {
            var scheme = endpoint[..endpoint.IndexOf("://", StringComparison.Ordinal)];
            Assert.Equal($"This daemon is reached directly over {scheme}://: its API, not its host's kernel, so veth names, the NAT check against the kernel's rules and traffic are not shown. "
                         + "Run a collector on that host (the same image with --collector) to see them.", Assert.Single(gaps));
        }
        else
        {
            Assert.Empty(gaps);
        }
    }
}
