using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NetDashboard.TestSupport;

/// <summary>
/// A 3-node Docker Swarm on this machine, run by <c>scripts/swarm-lab.sh</c> (see docker-lab.md, "A 3-node Swarm"):
/// three dockerd, each in its own network namespace <c>nd-PREFIXn</c> with hostname <c>PREFIXn</c>, joined by the host
/// bridge <c>nd-PREFIX-br</c> (10.231.50.0/24, a DOCKER-USER accept rule for it); node 1 is the manager, 2 and 3 are
/// workers; the test image is on every node. Needs root and the main daemon with the test image. Disposing removes
/// everything (daemons, data, namespaces, bridge, rule), also after a start that failed half-way.
/// </summary>
public sealed partial class SwarmLab : IAsyncDisposable
{
    /// <summary>Start and destroy wait at most this long.</summary>
    public static TimeSpan ScriptTimeout { get; set; } = TimeSpan.FromSeconds(300);

    private readonly string _script;
    private int _disposed;

    private SwarmLab(string script, string prefix)
    {
        _script = script;
        Prefix = prefix;
    }

    public string Prefix { get; }

    /// <summary>How long the start took (three daemons up, swarm formed, every node ready).</summary>
    public TimeSpan StartDuration { get; private set; }

    /// <summary>The node names (also their hostnames): PREFIX1 (manager), PREFIX2, PREFIX3.</summary>
    public IReadOnlyList<string> Nodes => [$"{Prefix}1", $"{Prefix}2", $"{Prefix}3"];

    /// <summary><c>unix:///var/run/nd-PREFIXn.sock</c> of node <paramref name="n"/> (1–3).</summary>
    public string Endpoint(int n) => $"unix:///var/run/nd-{Prefix}{Check(n)}.sock";

    /// <summary>Starts the lab (a leftover of a crashed run with this prefix is destroyed first).</summary>
    public static async Task<SwarmLab> StartAsync(string prefix = "sw", CancellationToken ct = default)
    {
        if (!PrefixPattern().IsMatch(prefix))
            throw new ArgumentException($"The prefix must be 1-6 lower-case letters: '{prefix}'", nameof(prefix));
        var script = Path.Combine(Path.GetDirectoryName(SecondDaemon.FindScript())!, "swarm-lab.sh");
        var lab = new SwarmLab(script, prefix);
        try
        {
            await lab.RunAsync(ct, "destroy", prefix).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            await lab.RunAsync(ct, "start", prefix).ConfigureAwait(false);
            lab.StartDuration = clock.Elapsed;
            return lab;
        }
        catch
        {
            await lab.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops node <paramref name="n"/>'s daemon (TERM, KILL after 20 s); its data and namespace stay.</summary>
    public Task StopNodeAsync(int n, CancellationToken ct = default) => RunAsync(ct, "node-stop", Check(n).ToString(System.Globalization.CultureInfo.InvariantCulture), Prefix);

    /// <summary>
    /// Starts worker <paramref name="n"/>'s daemon again and returns once the manager lists it ready. The start waits
    /// until the manager has marked the stopped node down: a worker that registers again before that can stay "down" for
    /// good (its pending task never placed, a plain container's overlay attachment timing out — moby#32607's symptom);
    /// a node not ready 30 s after its start is stopped and started once more.
    /// </summary>
    public async Task StartNodeAsync(int n, CancellationToken ct = default)
    {
        var node = Check(n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (await AnswersAsync(n).ConfigureAwait(false))
        {
            if (n != 1)
                await WaitNodeStateAsync(n, "ready", TimeSpan.FromSeconds(60), required: true).ConfigureAwait(false);
            return; // already running (a test's finally after its own start)
        }
        if (n != 1)
            await WaitNodeStateAsync(n, "down", TimeSpan.FromSeconds(30), required: false).ConfigureAwait(false);
        await RunAsync(ct, "node-start", node, Prefix).ConfigureAwait(false);
        if (n == 1 || await WaitNodeStateAsync(n, "ready", TimeSpan.FromSeconds(30), required: false).ConfigureAwait(false))
            return;
        await RunAsync(ct, "node-stop", node, Prefix).ConfigureAwait(false);
        await WaitNodeStateAsync(n, "down", TimeSpan.FromSeconds(30), required: false).ConfigureAwait(false);
        await RunAsync(ct, "node-start", node, Prefix).ConfigureAwait(false);
        await WaitNodeStateAsync(n, "ready", TimeSpan.FromSeconds(60), required: true).ConfigureAwait(false);
    }

    private async Task<bool> AnswersAsync(int n)
    {
        try
        {
            await DockerAsync(n, "version", "--format", "{{.Server.Version}}").ConfigureAwait(false);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Waits until the manager lists node <paramref name="n"/> in <paramref name="state"/> (ready, down, …).</summary>
    private async Task<bool> WaitNodeStateAsync(int n, string state, TimeSpan timeout, bool required)
    {
        var last = "";
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                last = (await DockerAsync(1, "node", "inspect", Nodes[n - 1], "--format", "{{.Status.State}}").ConfigureAwait(false)).Trim();
                if (last == state)
                    return true;
            }
            catch (InvalidOperationException ex)
            {
                last = ex.Message;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
        }
        return required
            ? throw new TimeoutException($"The manager never listed {Nodes[n - 1]} {state} within {timeout.TotalSeconds:0} s (last: {last}).")
            : false;
    }

    /// <summary>The host's own address on the lab's bridge once <see cref="AddHostAddressAsync"/> gave it one.</summary>
    public const string HostAddress = "10.231.50.254";

    /// <summary>The network namespace of node <paramref name="n"/> (<c>nd-PREFIXn</c>).</summary>
    public string Namespace(int n) => $"nd-{Prefix}{Check(n)}";

    /// <summary>Node <paramref name="n"/>'s address on the lab's bridge.</summary>
    public static string NodeAddress(int n) => $"10.231.50.1{Check(n)}";

    /// <summary>
    /// Gives the host side of the lab's bridge <see cref="HostAddress"/>/24, so a process in a node's namespace (a
    /// collector) reaches a server the test runs on the host, bound to that address only. It goes with the bridge.
    /// </summary>
    public Task AddHostAddressAsync() => IpAsync("addr", "replace", $"{HostAddress}/24", "dev", $"nd-{Prefix}-br");

    /// <summary>Sets the host end of node <paramref name="n"/>'s veth down (a partition: the node is cut off) or up again.</summary>
    public Task SetConnectedAsync(int n, bool connected) => IpAsync("link", "set", $"nd-{Prefix}{Check(n)}-h", connected ? "up" : "down");

    private static async Task IpAsync(params string[] args)
    {
        var (exit, _, stderr) = await ProcessRunner.RunAsync("ip", args, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        if (exit != 0)
            throw new InvalidOperationException($"ip {string.Join(' ', args)} failed with exit code {exit}: {stderr.Trim()}");
    }

    /// <summary>Runs <c>docker -H (node n) args…</c> and returns its stdout; throws with stderr when it fails.</summary>
    public async Task<string> DockerAsync(int n, params string[] args)
    {
        string[] argv = ["-H", Endpoint(n), .. args];
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("docker", argv, SecondDaemon.DockerTimeout).ConfigureAwait(false);
        if (exit != 0)
            throw new InvalidOperationException($"{ProcessRunner.Describe("docker", argv)} failed with exit code {exit}: {stderr.Trim()}");
        return stdout;
    }

    /// <summary>Destroys the lab. Never throws (a failure is written to the test log).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await RunAsync(CancellationToken.None, "destroy", Prefix).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"[SwarmLab] destroy of {Prefix} failed: {e.Message}");
        }
    }

    private async Task RunAsync(CancellationToken ct, params string[] args)
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("bash", [_script, .. args], ScriptTimeout, ct).ConfigureAwait(false);
        if (exit != 0)
            throw new InvalidOperationException($"swarm-lab.sh {string.Join(' ', args)} failed with exit code {exit}:\n{stderr.Trim()}\n{stdout.Trim()}".TrimEnd());
    }

    private static int Check(int n) => n is >= 1 and <= 3 ? n : throw new ArgumentOutOfRangeException(nameof(n), n, "A node is 1, 2 or 3.");

    [GeneratedRegex("^[a-z]{1,6}$")]
    private static partial Regex PrefixPattern();
}
