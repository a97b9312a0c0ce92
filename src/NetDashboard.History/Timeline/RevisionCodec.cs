using System.IO.Compression;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;

namespace NetDashboard.History.Timeline;

/// <summary>
/// The stored form of a revision: the API's own JSON (<see cref="TopologyJson"/>, so a document read back serialises
/// exactly as it was served) compressed with Brotli. Checkpoint bodies are documents, delta bodies Changed messages.
/// </summary>
public static class RevisionCodec
{
    public static byte[] Encode<T>(T value)
    {
        var json = TopologyJson.SerializeToUtf8(value);
        using var output = new MemoryStream(json.Length / 4 + 64);
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            brotli.Write(json);
        }
        return output.ToArray();
    }

    public static T Decode<T>(byte[] body)
    {
        using var input = new MemoryStream(body);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        return System.Text.Json.JsonSerializer.Deserialize<T>(brotli, TopologyJson.Options)
               ?? throw new InvalidDataException("A stored topology revision is empty.");
    }

    public static TopologySnapshot DecodeSnapshot(byte[] body) => Decode<TopologySnapshot>(body);

    public static TopologyDelta DecodeDelta(byte[] body) => Decode<TopologyDelta>(body);
}
