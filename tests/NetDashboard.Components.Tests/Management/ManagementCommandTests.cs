using NetDashboard.Components.Management;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Management;

namespace NetDashboard.Components.Tests.Management;

/// <summary>The form's fields become the request the API takes, and the docker command that does the same.</summary>
public sealed class ManagementCommandTests
{
    [Fact]
    public void Every_field_of_the_form_reaches_the_request_and_the_command_quoted_for_a_shell()
    {
        var form = new NetworkCreateForm
        {
            Name = " aa_network ", Subnet = "172.30.0.0/16", IpRange = "172.30.5.0/24", Gateway = "172.30.0.1",
            Internal = true, Attachable = true, EnableIPv6 = true, Ipv6Subnet = "fd00:30::/64",
            BridgeName = "br-aa", Icc = false, Labels = "team=pay ments\n\nowner=o'neil", Options = "com.docker.network.driver.mtu=1400",
        };
        var (request, problems) = form.ToRequest();
        Assert.Empty(problems);
        Assert.Equal("aa_network", request.Name);
        Assert.Equal("br-aa", request.Options[NetworkCreateForm.BridgeNameOption]);
        Assert.Equal("false", request.Options[NetworkCreateForm.IccOption]);
        Assert.Equal("pay ments", request.Labels["team"]);
        Assert.Equal(
            "docker network create --subnet 172.30.0.0/16 --ip-range 172.30.5.0/24 --gateway 172.30.0.1 --internal --attachable "
            + "--ipv6 --subnet fd00:30::/64 --label 'owner=o'\\''neil' --label 'team=pay ments' --opt com.docker.network.bridge.enable_icc=false "
            + "--opt com.docker.network.bridge.name=br-aa --opt com.docker.network.driver.mtu=1400 aa_network",
            DockerCommands.NetworkCreate(request, null));
    }

    [Fact]
    public void The_bridge_fields_apply_to_bridges_only_and_a_line_that_is_no_pair_is_named()
    {
        var form = new NetworkCreateForm { Name = "mv", Driver = "macvlan", BridgeName = "br-x", Icc = false, Options = "parent=eth0\nmtu" };
        var (request, problems) = form.ToRequest();
        Assert.Equal(["parent"], request.Options.Keys);
        Assert.Equal("Line 2 is not a driver option: write key=value, one per line.", problems["options"]);
        Assert.Equal("docker network create --driver macvlan --opt parent=eth0 mv", DockerCommands.NetworkCreate(request, null));
    }

    [Fact]
    public void Connect_disconnect_and_remove_read_as_docker_takes_them()
    {
        var connect = new NetworkConnectRequest { Container = "web", Aliases = ["api", "v1"], Ipv4 = "172.18.0.50" };
        Assert.Equal("docker network connect --alias api --alias v1 --ip 172.18.0.50 appnet web", DockerCommands.NetworkConnect("appnet", connect, null));
        Assert.Equal("docker network disconnect --force appnet web", DockerCommands.NetworkDisconnect("appnet", "web", true, null));
        Assert.Equal("docker network rm 'my net'", DockerCommands.NetworkRemove("my net", null));
    }
}
