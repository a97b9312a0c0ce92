using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NetDashboard.Core.Model;
using NetDashboard.Core.Traffic;
using NetDashboard.Hubs;
using NetDashboard.Traffic;

namespace NetDashboard.Web.Tests.Hub;

/// <summary>
/// <c>SubscribeTraffic()</c> → <c>Traffic</c>: the current document at once, then changes only, at most once per second
/// (on the injected clock), the newest winning over one not yet sent.
/// </summary>
public sealed class TrafficHubPublisherTests
{
    private static TrafficDocument Document(int port, DateTimeOffset at) => new()
    {
        GeneratedAt = at,
        Flows =
        [
            new TrafficFlow
            {
                HostId = "local", Protocol = "tcp", State = "ESTABLISHED", Via = TrafficVia.Bridge, FirstSeen = at, LastSeen = at,
                Source = new FlowEnd { ContainerId = "a", Address = "172.18.0.3", Port = 40000 },
                Destination = new FlowEnd { ContainerId = "b", Address = "172.18.0.2", Port = port },
            },
        ],
    };

    [Fact]
    public async Task A_subscriber_gets_the_current_document_then_only_changes_at_most_once_per_second_newest_first()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 21, 0, 0, TimeSpan.Zero));
        var feed = new TrafficFeed(NullLogger<TrafficFeed>.Instance);
        feed.Publish(Document(1, time.GetUtcNow()));
        var client = new RecordingClient(time);
        var publisher = new TrafficHubPublisher(feed, new SingleClientHubContext(client), time, NullLogger<TrafficHubPublisher>.Instance);
        await publisher.StartAsync(CancellationToken.None);
        try
        {
            publisher.Subscribe("c1");
            await Eventually.WaitUntilAsync(() => client.Sent.Count == 1, "the current document");
            Assert.Equal(1, client.Sent.Single().Document.Flows[0].Destination.Port);

            feed.Publish(Document(2, time.GetUtcNow()));
            feed.Publish(Document(3, time.GetUtcNow())); // replaces 2, which was never sent
            feed.Publish(Document(3, time.GetUtcNow().AddSeconds(0.5))); // only its times moved: not a change
            await Eventually.WaitUntilAsync(() =>
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
                return client.Sent.Count == 2;
            }, "the next document once a second has passed");

            var sent = client.Sent.ToArray();
            Assert.Equal([1, 3], sent.Select(s => s.Document.Flows[0].Destination.Port).ToArray());
            Assert.True(sent[1].At - sent[0].At >= TrafficHubPublisher.MinInterval, $"sent {sent[1].At - sent[0].At} apart");

            publisher.Detach("c1");
            Assert.Equal(0, publisher.SubscriberCount);
        }
        finally
        {
            await publisher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Over_MessagePack_a_traffic_document_carries_the_contracts_names()
    {
        var options = TopologyMessagePackResolver.Configure(MessagePack.MessagePackSerializerOptions.Standard);
        var document = Document(8080, new DateTimeOffset(2026, 12, 7, 21, 0, 0, TimeSpan.Zero));
        document = document with { Flows = [document.Flows[0] with { Via = TrafficVia.PublishedPort }] };

        var bytes = MessagePack.MessagePackSerializer.Serialize(document, options);
        var json = MessagePack.MessagePackSerializer.ConvertToJson(bytes, options);

        Assert.Contains("\"via\":\"published-port\"", json);
        Assert.Contains("\"destination\":{\"containerId\":\"b\"", json);
        Assert.Contains("\"generatedAt\":\"2026-12-07T21:00:00Z\"", json);
        Assert.DoesNotContain("\"key\"", json);
        var back = MessagePack.MessagePackSerializer.Deserialize<TrafficDocument>(bytes, options);
        Assert.Equal(document.Flows[0], back.Flows[0]);
    }

    private sealed class RecordingClient(TimeProvider time) : ITopologyClient
    {
        public ConcurrentQueue<(TrafficDocument Document, DateTimeOffset At)> Sent { get; } = new();

        public Task Snapshot(TopologySnapshot snapshot) => Task.CompletedTask;

        public Task Changed(TopologyDelta delta) => Task.CompletedTask;

        public Task Traffic(TrafficDocument traffic)
        {
            Sent.Enqueue((traffic, time.GetUtcNow()));
            return Task.CompletedTask;
        }
    }
}
