using AngleSharp.Dom;

namespace NetDashboard.Components.Tests;

/// <summary>Reads the MudTable rows of a rendered list page by their cells' <c>data-col</c> markers.</summary>
public static class TableExtensions
{
    public static IReadOnlyList<IElement> Rows<T>(this IRenderedComponent<T> cut) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll("tbody tr").Where(r => r.QuerySelector("td[data-col='name']") is not null).ToList();

    public static IReadOnlyList<string> Names<T>(this IRenderedComponent<T> cut) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Rows().Select(r => r.Cell("name").TextContent.Trim()).ToList();

    public static IElement Row<T>(this IRenderedComponent<T> cut, string name) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Rows().Single(r => r.Cell("name").TextContent.Trim() == name);

    public static IElement Cell(this IElement row, string column) =>
        row.QuerySelector($"td[data-col='{column}']") ?? throw new InvalidOperationException($"No column {column}.");

    public static string Text(this IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
