using System.Collections.Concurrent;

namespace NetDashboard.Docker.Observing;

/// <summary>Counts API calls by kind, to prove (in tests and benchmarks) how much a resync costs.</summary>
public sealed class DockerCallCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Increment(string kind) => _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public long this[string kind] => _counts.GetValueOrDefault(kind);

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts);
}
