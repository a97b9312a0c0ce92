using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;

namespace NetDashboard.Core.Export;

/// <summary>The JSON export: the public topology document itself (<see cref="TopologyJson"/>), narrowed or not.</summary>
public static class JsonExporter
{
    public static string Export(TopologySnapshot snapshot) => TopologyJson.Serialize(snapshot);
}
