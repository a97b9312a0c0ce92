namespace NetDashboard.Components.Presentation;

/// <summary>What a column header needs to know about its table's sort.</summary>
public interface ISortState
{
    string Key { get; }
    bool Descending { get; }
    string AriaSort(string key);
}

/// <summary>
/// The sort of a table: which column, which direction. Columns are named by a key and sort by a value taken from
/// the row; equal values keep a stable, name-based order through <paramref name="tieBreak"/>.
/// </summary>
public sealed class TableSort<T>(string initialKey, IReadOnlyDictionary<string, Func<T, object?>> columns, Func<T, string> tieBreak) : ISortState
{
    public string Key { get; private set; } = initialKey;
    public bool Descending { get; private set; }

    /// <summary>Sorts by <paramref name="key"/>; the column already sorted by flips its direction.</summary>
    public void Toggle(string key)
    {
        if (!columns.ContainsKey(key))
        {
            return;
        }
        Descending = Key == key && !Descending;
        Key = key;
    }

    public IEnumerable<T> Apply(IEnumerable<T> rows)
    {
        var value = columns[Key];
        var sorted = Descending ? rows.OrderByDescending(value, ValueComparer.Instance) : rows.OrderBy(value, ValueComparer.Instance);
        return sorted.ThenBy(tieBreak, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The <c>aria-sort</c> of a column header: ascending, descending or none.</summary>
    public string AriaSort(string key) => Key != key ? "none" : Descending ? "descending" : "ascending";

    private sealed class ValueComparer : IComparer<object?>
    {
        public static readonly ValueComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string a, string b) => StringComparer.OrdinalIgnoreCase.Compare(a, b),
            _ => Comparer<object>.Default.Compare(x, y),
        };
    }
}
