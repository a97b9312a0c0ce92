// 100 (or argv[0]) cycles of each path fault between a real DockerHostObserver, with its default options (the
// production back-off), and the real dockerd behind a SocketRelay: prints detection and recovery times (median and
// range) and what the process holds before and after. Needs root and the local dockerd (scripts/docker-up.sh).
using Microsoft.Extensions.Logging.Abstractions;
using NetDashboard.Docker.Connection;
using NetDashboard.Docker.Observing;
using NetDashboard.TestSupport;

var cycles = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100;
foreach (var fault in Enum.GetValues<PathFault>())
{
    await using var relay = SocketRelay.Start();
    var observer = new DockerHostObserver("bench", "bench", DockerEndpoint.Resolve(relay.Endpoint, false, null), new DockerObserverOptions(), NullLogger.Instance);
    var result = await FaultSoak.RunAsync(observer, relay, fault, cycles);
    Console.WriteLine($"{fault}: {result}");
}
