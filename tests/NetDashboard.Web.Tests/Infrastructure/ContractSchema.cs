using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace NetDashboard.Web.Tests.Infrastructure;

/// <summary>The public contract's JSON Schema, read from ../shared/contracts beside the repository.</summary>
public static class ContractSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Locate())));

    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "contracts", "topology.v1.schema.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("shared/contracts/topology.v1.schema.json was not found beside the repository.");
    }

    /// <summary>Asserts the document is valid, listing every violation when it is not.</summary>
    public static void AssertValid(string json)
    {
        var result = Schema.Value.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
            Assert.Fail("The topology does not validate against topology.v1.schema.json:\n" + string.Join('\n', errors));
        }
    }
}
