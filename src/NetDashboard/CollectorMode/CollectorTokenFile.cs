namespace NetDashboard.CollectorMode;

/// <summary>
/// A collector's token file: one line holding the token, or lines <c>HOSTID TOKEN</c> (one per host, as
/// <c>deploy/make-collector-tokens.sh</c> writes them for a Swarm stack, where one secret reaches every node's
/// collector), of which the line of this collector's host id is taken. Read at every connection attempt, so a rotated
/// secret is picked up without a restart.
/// </summary>
public static class CollectorTokenFile
{
    public static string Read(string path, string hostId)
    {
        var lines = File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines is [var single] && !single.Contains(' ', StringComparison.Ordinal))
        {
            return single;
        }
        foreach (var line in lines)
        {
            var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == hostId)
            {
                return parts[1];
            }
        }
        throw new InvalidDataException($"The token file {path} holds no line for host {hostId} (expected one token, or lines \"HOSTID TOKEN\").");
    }
}
