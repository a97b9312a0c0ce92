using System.Threading.Channels;

namespace NetDashboard.History;

/// <summary>The history writer's two waits, on the injected clock: for a change (or a time), and a plain pause.</summary>
internal static class WriterWaits
{
    /// <summary>Waits for something to read or until <paramref name="wakeAt"/>; false once <paramref name="stoppingToken"/> is cancelled.</summary>
    public static async Task<bool> WaitAsync<T>(ChannelReader<T> reader, DateTimeOffset wakeAt, TimeProvider time, CancellationToken stoppingToken)
    {
        var wait = wakeAt - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(wait);
        try
        {
            await reader.WaitToReadAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return !stoppingToken.IsCancellationRequested;
        }
    }

    /// <summary>Pauses for <paramref name="pause"/>; false once <paramref name="stoppingToken"/> is cancelled.</summary>
    public static async Task<bool> SleepAsync(TimeSpan pause, TimeProvider time, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(pause, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
