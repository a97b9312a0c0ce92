namespace NetDashboard.Docker.Observing;

/// <summary>
/// Whether a unix socket's path exists and when it was made: a daemon that restarts creates its socket anew, so a
/// change of either means "try again now".
/// </summary>
internal readonly record struct SocketState(bool Exists, DateTime Changed)
{
    /// <summary>The state of <paramref name="path"/>; the default (absent) for a null path.</summary>
    public static SocketState Of(string? path)
    {
        if (path is null)
        {
            return default;
        }
        var info = new FileInfo(path);
        return info.Exists ? new SocketState(true, info.LastWriteTimeUtc) : default;
    }
}
