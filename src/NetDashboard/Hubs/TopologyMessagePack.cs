using System.Buffers;
using System.Text.Json;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;

namespace NetDashboard.Hubs;

/// <summary>
/// MessagePack for the hub's wire types with the contract's names: the value goes through System.Text.Json with
/// <see cref="TopologyHubJson.Options"/> (camelCase, lower-case enums, UTC instants as strings) and that JSON tree is
/// written as MessagePack maps/arrays/scalars. So a JS client reads <c>fromRevision</c>, exactly as over JSON.
/// Other types fall through to SignalR's own resolver (and its security settings), see <see cref="Configure"/>.
/// </summary>
public sealed class TopologyMessagePackResolver : IFormatterResolver
{
    public static readonly TopologyMessagePackResolver Instance = new();

    public IMessagePackFormatter<T>? GetFormatter<T>() =>
        typeof(T) == typeof(TopologySnapshot) || typeof(T) == typeof(TopologyDelta) || typeof(T) == typeof(NetDashboard.Core.Traffic.TrafficDocument)
            ? (IMessagePackFormatter<T>)(object)new ViaJsonFormatter<T>()
            : null;

    /// <summary>For <c>AddMessagePackProtocol(o => TopologyMessagePackResolver.Configure(o.SerializerOptions) ...)</c> on server and client.</summary>
    public static MessagePackSerializerOptions Configure(MessagePackSerializerOptions options) =>
        options.WithResolver(CompositeResolver.Create(Instance, options.Resolver));

    private sealed class ViaJsonFormatter<T> : IMessagePackFormatter<T>
    {
        public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNil();
                return;
            }
            using var document = JsonSerializer.SerializeToDocument(value, TopologyHubJson.Options);
            Write(ref writer, document.RootElement);
        }

        public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer))
            {
                options.Security.DepthStep(ref reader);
                Read(ref reader, json, 0);
                reader.Depth--;
            }
            return JsonSerializer.Deserialize<T>(buffer.WrittenSpan, TopologyHubJson.Options)!;
        }

        private static void Write(ref MessagePackWriter writer, JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var count = 0;
                    foreach (var _ in element.EnumerateObject()) count++;
                    writer.WriteMapHeader(count);
                    foreach (var property in element.EnumerateObject())
                    {
                        writer.Write(property.Name);
                        Write(ref writer, property.Value);
                    }
                    break;
                case JsonValueKind.Array:
                    writer.WriteArrayHeader(element.GetArrayLength());
                    foreach (var item in element.EnumerateArray()) Write(ref writer, item);
                    break;
                case JsonValueKind.String:
                    writer.Write(element.GetString());
                    break;
                case JsonValueKind.Number:
                    if (element.TryGetInt64(out var l)) writer.Write(l);
                    else writer.Write(element.GetDouble());
                    break;
                case JsonValueKind.True:
                    writer.Write(true);
                    break;
                case JsonValueKind.False:
                    writer.Write(false);
                    break;
                default:
                    writer.WriteNil();
                    break;
            }
        }

        private static void Read(ref MessagePackReader reader, Utf8JsonWriter json, int depth)
        {
            if (depth > 64) throw new MessagePackSerializationException("Topology message nested too deeply.");
            switch (reader.NextMessagePackType)
            {
                case MessagePackType.Map:
                    var pairs = reader.ReadMapHeader();
                    json.WriteStartObject();
                    for (var i = 0; i < pairs; i++)
                    {
                        json.WritePropertyName(reader.ReadString()!);
                        Read(ref reader, json, depth + 1);
                    }
                    json.WriteEndObject();
                    break;
                case MessagePackType.Array:
                    var items = reader.ReadArrayHeader();
                    json.WriteStartArray();
                    for (var i = 0; i < items; i++) Read(ref reader, json, depth + 1);
                    json.WriteEndArray();
                    break;
                case MessagePackType.String:
                    json.WriteStringValue(reader.ReadString());
                    break;
                case MessagePackType.Integer:
                    json.WriteNumberValue(reader.ReadInt64());
                    break;
                case MessagePackType.Float:
                    json.WriteNumberValue(reader.ReadDouble());
                    break;
                case MessagePackType.Boolean:
                    json.WriteBooleanValue(reader.ReadBoolean());
                    break;
                case MessagePackType.Nil:
                    reader.ReadNil();
                    json.WriteNullValue();
                    break;
                default:
                    throw new MessagePackSerializationException($"Unexpected MessagePack type {reader.NextMessagePackType} in a topology message.");
            }
        }
    }
}
