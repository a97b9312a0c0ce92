using System.Diagnostics;

namespace NetDashboard.TestSupport;

/// <summary>
/// Bounded polling for a condition nothing announces (a counter, a browser frame, the clock): checks it, then again
/// every few milliseconds, until it holds or a generous timeout passes. Where the app does announce the condition
/// (the store's <c>WaitForAsync</c>, a subscription), wait on that instead.
/// </summary>
public static class Eventually
{
    /// <summary>Long enough for a loaded two-core machine; a condition that holds is seen within one interval.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Returns once <paramref name="condition"/> is true; throws a <see cref="TimeoutException"/> naming
    /// <paramref name="what"/> (and <paramref name="describe"/>'s account of the last state) when it never is.
    /// </summary>
    /// <param name="interval">Between two checks (default 20 ms); longer where a check is costly (a docker CLI run, an HTTP round trip).</param>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? describe = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (clock.Elapsed > limit)
            {
                var last = describe is null ? "" : "; last: " + describe();
                throw new TimeoutException($"Never saw {what} within {limit.TotalSeconds:0.#} s{last}.");
            }
            await Task.Delay(interval ?? Interval).ConfigureAwait(false);
        }
    }

    /// <inheritdoc cref="WaitUntilAsync(Func{Task{bool}}, string, TimeSpan?, Func{string}?, TimeSpan?)"/>
    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? describe = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WaitUntilAsync(() => Task.FromResult(condition()), what, timeout, describe, interval);
    }
}
