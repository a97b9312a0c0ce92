using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.Hubs;
using NetDashboard.Monitoring;

namespace NetDashboard.Web.Tests.Hub;

/// <summary>
/// The publisher's per-connection queue, driven through the real <see cref="TopologyStore"/>: a client whose sends never
/// complete falls more than <see cref="TopologyHubPublisher.QueueCapacity"/> messages behind, and when it resumes it
/// gets one fresh Snapshot (not the stale deltas) and deltas that line up with it.
/// </summary>
public sealed class TopologyHubPublisherQueueTests
{
    [Fact]
    public async Task A_connection_that_overflows_its_queue_gets_a_fresh_Snapshot_and_then_deltas_that_line_up()
    {
        var store = new TopologyStore(TimeProvider.System, NullLogger<TopologyStore>.Instance);
        store.Publish(Observation(0));
        var client = new RecordingClient();
        var publisher = new TopologyHubPublisher(store, new SingleClientHubContext(client), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await publisher.StartAsync(CancellationToken.None);
        try
        {
            publisher.Attach("c1");
            await client.WaitForAsync(m => m.Count == 1, "the connect Snapshot");
            Assert.StartsWith("S:", client.Messages.Single());

            client.Block(); // every send from now on waits until Release()
            var published = publisher.PublishedDeltas;
            var rounds = 0;
            // One publish per coalescing window, so each becomes its own delta: the first is stuck in the blocked send,
            // the next QueueCapacity fill the queue, the one after that overflows it.
            while (publisher.PublishedDeltas - published < TopologyHubPublisher.QueueCapacity + 3)
            {
                var target = publisher.PublishedDeltas + 1;
                store.Publish(Observation(++rounds));
                await WaitUntilAsync(() => publisher.PublishedDeltas >= target, "the publisher to publish a delta");
            }
            var latest = store.Current.Revision;

            client.Release();
            await client.WaitForAsync(m => m.Count >= 3, "the Snapshot after the overflow");
            var log = client.Messages.ToArray();
            Assert.Equal("S:" + latest, log[2]); // stuck delta, then straight to a Snapshot of the newest revision
            Assert.StartsWith("C:", log[1]);
            Assert.Equal(3, log.Length);

            // Afterwards the connection is an ordinary one again: the next delta starts where the Snapshot ended.
            store.Publish(Observation(++rounds));
            await client.WaitForAsync(m => m.Count == 4, "a delta after the recovery Snapshot");
            Assert.Equal($"C:{latest}->{store.Current.Revision}", client.Messages.Last());
        }
        finally
        {
            client.Release();
            await publisher.StopAsync(CancellationToken.None);
        }
    }

    private static DaemonObservation Observation(int round) => new()
    {
        Host = new ObservedHost { Id = "queue-test", Name = "queue-test", Endpoint = "unix:///nowhere.sock", Connected = true },
        Containers =
        [
            new ObservedContainer { Id = "c0ffee", Names = ["/counter"], Image = "busybox", State = "running", Status = $"round {round}", NetworkMode = "none" },
        ],
    };

    private static Task WaitUntilAsync(Func<bool> condition, string what) =>
        Eventually.WaitUntilAsync(condition, what, TimeSpan.FromSeconds(10));

    /// <summary>Records "S:rev" / "C:from->to"; while blocked, a send does not complete (a stalled transport).</summary>
    private sealed class RecordingClient : ITopologyClient
    {
        private volatile TaskCompletionSource _gate = Completed();

        public ConcurrentQueue<string> Messages { get; } = new();

        public void Block() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        public Task Snapshot(TopologySnapshot snapshot)
        {
            Messages.Enqueue($"S:{snapshot.Revision}");
            return _gate.Task;
        }

        public Task Traffic(NetDashboard.Core.Traffic.TrafficDocument traffic) => Task.CompletedTask; // not subscribed here

        public Task Changed(TopologyDelta delta)
        {
            Messages.Enqueue($"C:{delta.FromRevision}->{delta.ToRevision}");
            return _gate.Task;
        }

        public Task WaitForAsync(Func<IReadOnlyCollection<string>, bool> condition, string what) =>
            WaitUntilAsync(() => condition(Messages), what + "; got " + string.Join(' ', Messages));

        private static TaskCompletionSource Completed()
        {
            var done = new TaskCompletionSource();
            done.SetResult();
            return done;
        }
    }
}
