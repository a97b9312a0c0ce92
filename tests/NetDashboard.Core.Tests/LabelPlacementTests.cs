using NetDashboard.Core.Map;

namespace NetDashboard.Core.Tests;

public class LabelPlacementTests
{
    private static LabelRequest At(string id, double x, double y, double width = 80, double height = 24, params MapPoint[] more) =>
        new(id, width, height, [new MapPoint(x, y), .. more]);

    [Fact]
    public void Labels_with_room_keep_their_place_in_full()
    {
        var placed = LabelPlacement.Place([At("a", 100, 100), At("b", 200, 100)], [new MapRect(0, 200, 300, 60)]);
        Assert.Equal(new PlacedLabel(LabelFit.Full, new MapPoint(100, 100)), placed["a"]);
        Assert.Equal(new PlacedLabel(LabelFit.Full, new MapPoint(200, 100)), placed["b"]);
    }

    [Fact]
    public void A_label_that_would_overlap_an_earlier_one_takes_its_next_place_or_collapses_into_a_marker()
    {
        var placed = LabelPlacement.Place(
        [
            At("first", 100, 100),
            At("moves", 150, 100, more: new MapPoint(150, 140)),
            At("collapses", 60, 125), // its full box reaches into the first one; a marker there does not
        ], []);
        Assert.Equal(LabelFit.Full, placed["first"].Fit);
        Assert.Equal(new PlacedLabel(LabelFit.Full, new MapPoint(150, 140)), placed["moves"]);
        Assert.Equal(LabelFit.Marker, placed["collapses"].Fit);
    }

    [Fact]
    public void A_label_never_covers_an_obstacle_and_is_hidden_when_not_even_its_marker_fits()
    {
        var node = new MapRect(0, 0, 210, 64);
        var placed = LabelPlacement.Place([At("on-node", 105, 32), At("beside", 105, 90)], [node]);
        Assert.Equal(LabelFit.Hidden, placed["on-node"].Fit);
        Assert.Equal(LabelFit.Full, placed["beside"].Fit);
    }

    [Fact]
    public void The_placed_boxes_of_many_crowded_labels_never_overlap()
    {
        var requests = Enumerable.Range(0, 400).Select(i => At($"l{i}", i % 40 * 37.0, i / 40 * 19.0)).ToList();
        var placed = LabelPlacement.Place(requests, []);
        var boxes = requests.Where(r => placed[r.Id].Fit != LabelFit.Hidden)
            .Select(r => placed[r.Id].Fit == LabelFit.Full
                ? LabelPlacement.Around(placed[r.Id].At, r.Width, r.Height)
                : LabelPlacement.Around(placed[r.Id].At, LabelPlacement.MarkerSize, LabelPlacement.MarkerSize))
            .ToList();
        Assert.Contains(placed.Values, p => p.Fit == LabelFit.Marker);
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                Assert.False(LabelPlacement.Overlap(boxes[i], boxes[j]), $"{boxes[i]} overlaps {boxes[j]}");
            }
        }
    }
}
