using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;

namespace NetDashboard.Hubs;

/// <summary>The hub's JSON conventions: <see cref="TopologyJson"/>'s, minus the computed <c>TopologyDelta.IsEmpty</c> (not part of <c>Changed</c>).</summary>
public static class TopologyHubJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        TopologyJson.Configure(options);
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(info =>
        {
            if (info.Type == typeof(TopologyDelta))
            {
                var isEmpty = info.Properties.FirstOrDefault(p => p.Name == "isEmpty");
                if (isEmpty is not null) info.Properties.Remove(isEmpty);
            }
        });
        return options;
    }
}
