using System.Collections.Concurrent;

namespace NetDashboard.Access;

/// <summary>
/// Locks a sign-in name for a while after repeated bad passwords. Names that belong to nobody are counted and locked
/// exactly like real ones, so neither the answer nor the lock says whether a name exists. In memory: a restart forgets.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    /// <summary>Bad passwords in a row, within <see cref="Window"/>, that lock a name.</summary>
    public const int MaxFailures = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan LockTime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    private sealed record Entry(int Failures, DateTimeOffset First, DateTimeOffset? LockedUntil);

    /// <summary>When the name may try again, or null when it may now.</summary>
    public DateTimeOffset? LockedUntil(string name)
    {
        var now = time.GetUtcNow();
        return _entries.TryGetValue(Key(name), out var e) && e.LockedUntil is { } until && until > now ? until : null;
    }

    public void Failed(string name)
    {
        var now = time.GetUtcNow();
        _entries.AddOrUpdate(Key(name),
            _ => new Entry(1, now, null),
            (_, e) =>
            {
                var fresh = now - e.First > Window || (e.LockedUntil is { } until && until <= now);
                var failures = fresh ? 1 : e.Failures + 1;
                return new Entry(failures, fresh ? now : e.First, failures >= MaxFailures ? now + LockTime : null);
            });
        if (_entries.Count > 10_000)
        {
            Prune(now);
        }
    }

    public void Succeeded(string name) => _entries.TryRemove(Key(name), out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, e) in _entries)
        {
            if (now - e.First > Window && e.LockedUntil is not { } until || e.LockedUntil <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private static string Key(string name) => name.Trim();
}
