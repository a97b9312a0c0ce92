using Microsoft.Data.Sqlite;

namespace NetDashboard.History.Storage;

/// <summary>Why the history database could not be read or written, as far as the dashboard acts on it.</summary>
public enum HistoryFaultKind
{
    /// <summary>Another program (or connection) holds a lock: wait and try again.</summary>
    Locked,
    /// <summary>The disk (or the file system's quota) is full: keep the changes until space is freed.</summary>
    Full,
    /// <summary>The file is not a SQLite database or its pages are damaged: set it aside and start a new one.</summary>
    Corrupt,
    /// <summary>The file or its folder cannot be written (permissions, a read-only mount).</summary>
    ReadOnly,
    /// <summary>The database refused the rows (a constraint) or the program failed: the rows cannot be written as they are.</summary>
    Rejected,
    /// <summary>Anything else (an I/O error, the file vanished): try again later.</summary>
    Other,
}

/// <summary>
/// The one place that turns a SQLite or PostgreSQL failure into a kind and a sentence for the user (the exception itself goes to
/// the log, never to the page).
/// </summary>
public static class HistoryFaults
{
    private const int Busy = 5;
    private const int LockedCode = 6;
    private const int ReadOnlyCode = 8;
    private const int IoError = 10;
    private const int CorruptCode = 11;
    private const int FullCode = 13;
    private const int CantOpen = 14;
    private const int Constraint = 19;
    private const int Mismatch = 20;
    private const int Range = 25;
    private const int NotADatabase = 26;
    private const int IoErrShmSize = IoError | (19 << 8);

    public static HistoryFaultKind Classify(Exception exception) => exception switch
    {
        HistoryCorruptException => HistoryFaultKind.Corrupt,
        HistoryUnavailableException { InnerException: { } inner } => Classify(inner),
        HistoryUnavailableException => HistoryFaultKind.Other,
        SqliteException { SqliteErrorCode: Busy or LockedCode } => HistoryFaultKind.Locked,
        SqliteException { SqliteErrorCode: FullCode } or SqliteException { SqliteExtendedErrorCode: IoErrShmSize } => HistoryFaultKind.Full,
        SqliteException { SqliteErrorCode: CorruptCode or NotADatabase } => HistoryFaultKind.Corrupt,
        SqliteException { SqliteErrorCode: ReadOnlyCode or CantOpen } => HistoryFaultKind.ReadOnly,
        SqliteException { SqliteErrorCode: Constraint or Mismatch or Range } => HistoryFaultKind.Rejected,
        SqliteException => HistoryFaultKind.Other,
        // PostgreSQL: its SQLSTATE (class 23 integrity, 53 resources, 55P03/40P01 locks, 42501/25006 not writable).
        Npgsql.PostgresException { SqlState: "55P03" or "40P01" or "40001" } => HistoryFaultKind.Locked,
        Npgsql.PostgresException { SqlState: "53100" } => HistoryFaultKind.Full,
        Npgsql.PostgresException { SqlState: "42501" or "25006" } => HistoryFaultKind.ReadOnly,
        Npgsql.PostgresException { SqlState: var state } when state.StartsWith("23", StringComparison.Ordinal) || state.StartsWith("22", StringComparison.Ordinal) => HistoryFaultKind.Rejected,
        System.Data.Common.DbException => HistoryFaultKind.Other, // the server went away, a network failure: try again later
        TimeoutException or System.Net.Sockets.SocketException => HistoryFaultKind.Other,
        IOException { HResult: 28 } => HistoryFaultKind.Full, // ENOSPC
        IOException => HistoryFaultKind.Other,
        UnauthorizedAccessException => HistoryFaultKind.ReadOnly,
        _ => HistoryFaultKind.Rejected,
    };

    /// <summary>True for what a later attempt may get past without anyone changing the file (a lock, a full disk, an I/O hiccup).</summary>
    public static bool IsPassing(HistoryFaultKind kind) => kind is HistoryFaultKind.Locked or HistoryFaultKind.Full or HistoryFaultKind.ReadOnly or HistoryFaultKind.Other;

    /// <summary>Why the database at <paramref name="path"/> cannot be opened, in one sentence.</summary>
    public static string CannotOpen(HistoryFaultKind kind, string path) => kind switch
    {
        HistoryFaultKind.Locked => $"The history database '{path}' is locked by another program, so it cannot be opened.",
        HistoryFaultKind.Full => $"The disk holding the history database '{path}' is full, so it cannot be opened.",
        HistoryFaultKind.Corrupt => $"The history database '{path}' is damaged and could not be set aside.",
        HistoryFaultKind.ReadOnly => $"The history database '{path}' cannot be opened for writing: check that the file and its folder are writable by the dashboard.",
        _ => $"The history database '{path}' cannot be opened: reading or writing the file failed.",
    };

    /// <summary>Why writing stalls, in one sentence, with how many changes wait in memory meanwhile.</summary>
    public static string CannotWrite(HistoryFaultKind kind, string path, int waiting, long dropped = 0) =>
        CannotWriteBecause(kind, path, waiting) + (dropped == 0 ? "" :
            $" To stay within memory, {Count(dropped)} older events and closed address assignments were dropped; the history marks that gap with a 'history-not-recorded' event.");

    private static string CannotWriteBecause(HistoryFaultKind kind, string path, int waiting)
    {
        var changes = waiting == 1 ? "1 change is" : $"{Count(waiting)} changes are";
        return kind switch
        {
            HistoryFaultKind.Locked => $"The history database '{path}' is locked by another program; {changes} waiting and will be written when it is free.",
            HistoryFaultKind.Full => $"The disk holding the history database '{path}' is full; {changes} waiting in memory and will be written when space is freed.",
            HistoryFaultKind.ReadOnly => $"The history database '{path}' cannot be written (check the file's and its folder's permissions); {changes} waiting in memory and writing is retried.",
            HistoryFaultKind.Corrupt => $"The history database '{path}' is damaged; {changes} waiting in memory.",
            HistoryFaultKind.Rejected => $"The history database '{path}' refused the latest rows; the history compares the next topology with what it holds.",
            _ => $"The history database '{path}' cannot be written just now (reading or writing the file failed); {changes} waiting in memory and writing is retried.",
        };
    }

    /// <summary>A count with thousands separators, the same whatever the machine's culture (12,501).</summary>
    public static string Count(long count) => count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Why the history cannot be read just now (the API and pages say this; the live view is unaffected).</summary>
    public static string CannotRead(HistoryFaultKind kind, string path) => kind switch
    {
        HistoryFaultKind.Locked => $"The history database '{path}' is locked by another program; try again when it is free.",
        HistoryFaultKind.Full => $"The disk holding the history database '{path}' is full, so the history cannot be read until space is freed.",
        HistoryFaultKind.Corrupt => $"The history database '{path}' is damaged; the dashboard sets it aside and starts a new one with its next write.",
        _ => $"The history database '{path}' cannot be read just now; try again in a moment.",
    };
}

/// <summary>The database opened but its own check found damaged pages.</summary>
public sealed class HistoryCorruptException(string message, bool notADatabase = false) : Exception(message)
{
    /// <summary>The file is not a SQLite database at all (rather than one with damaged pages).</summary>
    public bool NotADatabase { get; } = notADatabase;
}
