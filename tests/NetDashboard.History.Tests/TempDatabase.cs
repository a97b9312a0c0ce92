using NetDashboard.History.Storage;

namespace NetDashboard.History.Tests;

/// <summary>A history database in a fresh temp folder, removed with the folder on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nd-history-" + Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(Folder, "nested", "history.db");
        Store = new HistoryStore(HistoryDatabase.Open(Path));
    }

    public string Folder { get; }

    public string Path { get; }

    public HistoryStore Store { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
