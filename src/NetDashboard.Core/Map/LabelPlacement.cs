namespace NetDashboard.Core.Map;

/// <summary>How a label is drawn once placed.</summary>
public enum LabelFit
{
    /// <summary>Its full text, at <see cref="PlacedLabel.At"/>.</summary>
    Full,

    /// <summary>A small marker at <see cref="PlacedLabel.At"/> whose tooltip carries the text: the text would have collided.</summary>
    Marker,

    /// <summary>Not drawn: even the marker would have collided (the link's own tooltip still carries the text).</summary>
    Hidden,
}

/// <summary>
/// One label to place: its size when drawn in full, and the centres it may take along its link, best first.
/// </summary>
public sealed record LabelRequest(string Id, double Width, double Height, IReadOnlyList<MapPoint> Places);

public readonly record struct PlacedLabel(LabelFit Fit, MapPoint At);

/// <summary>
/// Places link labels so that no two overlap and none covers a node or a region's title: each label, in the order
/// given (most important first), takes the first of its places where its full box is free; otherwise it collapses into
/// a marker at the first place where the marker is free; otherwise it is hidden. Greedy, deterministic (the same input
/// gives the same places), and near-linear: boxes are found through a uniform grid.
/// </summary>
public static class LabelPlacement
{
    /// <summary>The side of a collapsed label's marker.</summary>
    public const double MarkerSize = 16;

    /// <summary>Space kept free around every label.</summary>
    public const double Clearance = 2;

    private const double Cell = 128;

    public static IReadOnlyDictionary<string, PlacedLabel> Place(IEnumerable<LabelRequest> labels, IEnumerable<MapRect> obstacles)
    {
        var grid = new Grid();
        foreach (var obstacle in obstacles)
        {
            grid.Add(obstacle);
        }
        var placed = new Dictionary<string, PlacedLabel>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            placed[label.Id] = PlaceOne(label, grid);
        }
        return placed;
    }

    private static PlacedLabel PlaceOne(LabelRequest label, Grid grid)
    {
        foreach (var at in label.Places)
        {
            var box = Around(at, label.Width, label.Height);
            if (!grid.Hits(box))
            {
                grid.Add(box);
                return new PlacedLabel(LabelFit.Full, at);
            }
        }
        foreach (var at in label.Places)
        {
            var marker = Around(at, MarkerSize, MarkerSize);
            if (!grid.Hits(marker))
            {
                grid.Add(marker);
                return new PlacedLabel(LabelFit.Marker, at);
            }
        }
        return new PlacedLabel(LabelFit.Hidden, label.Places.Count > 0 ? label.Places[0] : default);
    }

    /// <summary>The box of a label centred on <paramref name="at"/>, with its clearance.</summary>
    public static MapRect Around(MapPoint at, double width, double height) =>
        new(at.X - width / 2 - Clearance, at.Y - height / 2 - Clearance, width + 2 * Clearance, height + 2 * Clearance);

    public static bool Overlap(MapRect a, MapRect b) =>
        Math.Min(a.Right, b.Right) > Math.Max(a.X, b.X) && Math.Min(a.Bottom, b.Bottom) > Math.Max(a.Y, b.Y);

    /// <summary>Boxes bucketed by the grid cells they touch.</summary>
    private sealed class Grid
    {
        private readonly Dictionary<(long, long), List<MapRect>> _cells = [];

        public void Add(MapRect box)
        {
            foreach (var cell in Cells(box))
            {
                if (!_cells.TryGetValue(cell, out var list))
                {
                    _cells[cell] = list = [];
                }
                list.Add(box);
            }
        }

        public bool Hits(MapRect box)
        {
            foreach (var cell in Cells(box))
            {
                if (_cells.TryGetValue(cell, out var list) && list.Exists(other => Overlap(box, other)))
                {
                    return true;
                }
            }
            return false;
        }

        private static IEnumerable<(long, long)> Cells(MapRect box)
        {
            for (var x = (long)Math.Floor(box.X / Cell); x <= (long)Math.Floor(box.Right / Cell); x++)
            {
                for (var y = (long)Math.Floor(box.Y / Cell); y <= (long)Math.Floor(box.Bottom / Cell); y++)
                {
                    yield return (x, y);
                }
            }
        }
    }
}
