using System.Runtime.CompilerServices;

namespace NetDashboard.Components.Tests;

/// <summary>
/// bunit's synchronous WaitFor* calls block a pool thread each while their renderer's dispatcher needs another; with
/// the test classes running in parallel on 2 cores the pool (which grows about one thread a second) starved once in CI
/// ("the wait condition was never checked"). Start the pool big enough for that, as bunit's own message advises.
/// </summary>
internal static class ThreadPoolSetup
{
    [ModuleInitializer]
    internal static void RaiseMinThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 8), io);
    }
}
