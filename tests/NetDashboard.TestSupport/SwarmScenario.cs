namespace NetDashboard.TestSupport;

/// <summary>
/// Issue 12's scenario on a <see cref="SwarmLab"/>: an attachable overlay with its own subnet; a dnsrr service of 3
/// replicas, one per node (<c>--replicas-max-per-node 1</c>, <c>--no-resolve-image</c>); a plain container per node on
/// the overlay; a local bridge network of the same name on nodes 1 and 2. Everything labelled; it goes with the lab.
/// </summary>
public sealed class SwarmScenario
{
    public const string Overlay = "ndov";
    public const string OverlaySubnet = "10.231.60.0/24";
    public const string Service = "ndweb";
    public const string SameName = "ndlocal";

    public string OverlayId { get; private init; } = "";
    /// <summary>The plain container of node n (1–3), by id (index 0 unused).</summary>
    public string[] Plain { get; } = new string[4];
    /// <summary>The same-name local network of node n (1–2), by id (index 0 unused).</summary>
    public string[] Local { get; } = new string[3];

    /// <summary>Creates the scenario and waits until the service's three tasks run.</summary>
    public static async Task<SwarmScenario> CreateAsync(SwarmLab lab)
    {
        var scenario = new SwarmScenario
        {
            OverlayId = (await lab.DockerAsync(1, "network", "create", "-d", "overlay", "--attachable", "--subnet", OverlaySubnet,
                "--label", DockerCli.TestLabel, Overlay)).Trim(),
        };
        await lab.DockerAsync(1, "service", "create", "-d", "--name", Service, "--replicas", "3", "--replicas-max-per-node", "1",
            "--endpoint-mode", "dnsrr", "--network", Overlay, "--no-resolve-image", "--label", DockerCli.TestLabel,
            "--container-label", DockerCli.TestLabel, DockerCli.Image, "sleep", "3600");
        for (var n = 1; n <= 3; n++)
        {
            scenario.Plain[n] = await RunPlainAsync(lab, n);
        }
        for (var n = 1; n <= 2; n++)
        {
            scenario.Local[n] = (await lab.DockerAsync(n, "network", "create", "--label", DockerCli.TestLabel, SameName)).Trim();
        }
        await Eventually.WaitUntilAsync(async () =>
            (await lab.DockerAsync(1, "service", "ps", Service, "--filter", "desired-state=running", "--format", "{{.CurrentState}}"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(s => s.StartsWith("Running", StringComparison.Ordinal)) == 3,
            "three running tasks of the service", TimeSpan.FromSeconds(60));
        return scenario;
    }

    /// <summary>
    /// Runs node <paramref name="n"/>'s plain container on the overlay. A node asks the manager for its attachment to an
    /// attachable overlay, and a swarm formed a moment ago sometimes lets that ask time out after 20 s ("attaching to
    /// network failed … context deadline exceeded", seen on the manager itself): the half-made container is removed and
    /// the run tried again, three times at most.
    /// </summary>
    private static async Task<string> RunPlainAsync(SwarmLab lab, int n)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await lab.DockerAsync(n, "run", "-d", "--init", "--label", DockerCli.TestLabel, "--name", $"plain{n}",
                    "--network", Overlay, DockerCli.Image, "sleep", "3600")).Trim();
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("attaching to network failed", StringComparison.Ordinal))
            {
                await lab.DockerAsync(n, "rm", "-f", $"plain{n}");
            }
        }
    }

    /// <summary>
    /// Starts node <paramref name="n"/>'s plain container (and <paramref name="others"/>) again after its daemon came
    /// back. A restarted worker learns the overlay back from the manager a moment later ("network … not found" or
    /// "attaching to network failed" until then), so the start is retried for up to 60 s.
    /// </summary>
    public async Task StartAgainAsync(SwarmLab lab, int n, params string[] others)
    {
        string? last = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            try
            {
                await lab.DockerAsync(n, ["start", Plain[n], .. others]);
                return true;
            }
            catch (InvalidOperationException ex)
            {
                last = ex.Message;
                return false;
            }
        }, $"plain{n} started again on the restarted node", TimeSpan.FromSeconds(60), describe: () => last ?? "");
    }

    /// <summary>The dashboard's settings for watching the lab's three nodes as hosts sw1, sw2, sw3.</summary>
    public static Dictionary<string, string?> DashboardSettings(SwarmLab lab) => new()
    {
        ["NetDashboard:Hosts:0:Id"] = "sw1",
        ["NetDashboard:Hosts:0:Endpoint"] = lab.Endpoint(1),
        ["NetDashboard:Hosts:1:Id"] = "sw2",
        ["NetDashboard:Hosts:1:Endpoint"] = lab.Endpoint(2),
        ["NetDashboard:Hosts:2:Id"] = "sw3",
        ["NetDashboard:Hosts:2:Endpoint"] = lab.Endpoint(3),
        ["NetDashboard:MaxRetrySeconds"] = "1",
    };
}
