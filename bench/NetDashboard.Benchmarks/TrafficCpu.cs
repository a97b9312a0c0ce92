using System.Diagnostics;
using System.Globalization;

namespace NetDashboard.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- traffic-cpu [runs] [rounds]</c>: the CPU time (user + system, every thread of the process,
/// GC included) one traffic round takes with 200 containers and 2,000 tracked connections — the same rounds as
/// <see cref="TrafficBenchmarks.Round"/>. CPU time, not wall time, so a machine busy with other work does not inflate it;
/// at the default interval of one round a second it is the collection's CPU per second.
/// </summary>
public static class TrafficCpu
{
    public static void Run(string[] args)
    {
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        var bench = new TrafficBenchmarks { Containers = 200 };
        bench.Setup();
        try
        {
            foreach (var (name, op) in new (string, Action)[] { ("round", () => bench.Round()), ("read + parse", () => bench.Read()), ("attribute + merge", () => bench.Attribute()) })
            {
                for (var i = 0; i < 5; i++) op(); // warm-up (JIT, tiering)
                var perRound = new List<double>();
                var process = Process.GetCurrentProcess();
                for (var run = 0; run < runs; run++)
                {
                    process.Refresh();
                    var before = process.TotalProcessorTime;
                    for (var i = 0; i < rounds; i++) op();
                    process.Refresh();
                    perRound.Add((process.TotalProcessorTime - before).TotalMilliseconds / rounds);
                }
                perRound.Sort();
                var median = runs % 2 == 1 ? perRound[runs / 2] : (perRound[runs / 2 - 1] + perRound[runs / 2]) / 2;
                Console.WriteLine(FormattableString.Invariant(
                    $"{name}: CPU {median:0.0} ms (min {perRound[0]:0.0}, max {perRound[^1]:0.0}; {runs} runs of {rounds}) = {median / 10:0.00}% of one core at 1 round/s"));
            }
        }
        finally
        {
            bench.Cleanup();
        }
    }
}
