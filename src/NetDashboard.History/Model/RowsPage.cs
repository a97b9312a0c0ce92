using System.Collections;

namespace NetDashboard.History.Model;

/// <summary>
/// At most a query's limit of rows, oldest first: the newest ones when there were more (<see cref="More"/>: older rows
/// exist; ask again with <c>before</c> set to the first row's time).
/// </summary>
public sealed class RowsPage<T>(IReadOnlyList<T> items, bool more) : IReadOnlyList<T>
{
    public bool More { get; } = more;

    public T this[int index] => items[index];

    public int Count => items.Count;

    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The page of <paramref name="newestFirst"/> (at most limit + 1 rows, newest first, as the query read them):
    /// the newest <paramref name="limit"/>, oldest first, and whether more were there.
    /// </summary>
    public static RowsPage<T> FromNewestFirst(List<T> newestFirst, int limit)
    {
        var more = newestFirst.Count > limit;
        if (more)
        {
            newestFirst.RemoveRange(limit, newestFirst.Count - limit);
        }
        newestFirst.Reverse();
        return new RowsPage<T>(newestFirst, more);
    }
}
