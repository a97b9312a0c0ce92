using System.Collections.Immutable;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using NetDashboard.Core.Observation;

namespace NetDashboard.Docker.Kernel;

/// <summary>
/// Reads network interfaces straight from sysfs: the dashboard's own (<c>/sys/class/net</c>) and a container's
/// (<c>/proc/&lt;pid&gt;/root/sys/class/net</c>). Needs no tool and no exec; anything unreadable gives null, never an error.
/// </summary>
internal sealed class LinuxInterfaceReader(string procPath = "/proc", string sysPath = "/sys")
{
    public bool IsSupported => OperatingSystem.IsLinux() && Directory.Exists(Path.Combine(sysPath, "class", "net"));

    public HostInterfaceTable? ReadHost()
    {
        if (!IsSupported)
        {
            return null;
        }
        var interfaces = ReadDirectory(Path.Combine(sysPath, "class", "net"), readMaster: true)
            .Select(i => new HostInterface(i.Name, i.IfIndex, i.IfLink, i.Master))
            .ToImmutableArray();
        // A bridge device has a "bridge" folder in sysfs, whether or not anything is plugged into it.
        var bridges = interfaces
            .Where(i => Directory.Exists(Path.Combine(sysPath, "class", "net", i.Name, "bridge")))
            .Select(i => i.Name)
            .ToHashSet(StringComparer.Ordinal);
        return new HostInterfaceTable { Interfaces = interfaces, BridgeAddresses = ReadAddresses(bridges) };
    }

    public ImmutableArray<ContainerInterface>? ReadContainer(long pid)
    {
        if (pid <= 0 || !OperatingSystem.IsLinux())
        {
            return null;
        }
        var dir = Path.Combine(procPath, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "root", "sys", "class", "net");
        try
        {
            if (!Directory.Exists(dir))
            {
                return null;
            }
            var pidDir = Path.Combine(procPath, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var v4 = DefaultRouteInterfaces.ReadIpv4(Path.Combine(pidDir, "net", "route"));
            var v6 = DefaultRouteInterfaces.ReadIpv6(Path.Combine(pidDir, "net", "ipv6_route"));
            return ReadDirectory(dir, readMaster: false)
                .Select(i => new ContainerInterface(i.Name, i.IfIndex, i.IfLink, i.Mac)
                {
                    DefaultRoute = v4.Contains(i.Name),
                    DefaultRouteIpv6 = v6.Contains(i.Name),
                })
                .ToImmutableArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record RawInterface(string Name, int IfIndex, int IfLink, string? Mac, string? Master);

    private static List<RawInterface> ReadDirectory(string dir, bool readMaster)
    {
        var result = new List<RawInterface>();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(dir).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return result;
        }
        foreach (var path in entries)
        {
            var index = ReadInt(Path.Combine(path, "ifindex"));
            if (index is null)
            {
                continue;
            }
            var link = ReadInt(Path.Combine(path, "iflink")) ?? index.Value;
            var mac = ReadText(Path.Combine(path, "address"));
            string? master = null;
            if (readMaster)
            {
                try
                {
                    var target = new FileInfo(Path.Combine(path, "master")).LinkTarget;
                    master = target is null ? null : Path.GetFileName(target);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    master = null;
                }
            }
            result.Add(new RawInterface(Path.GetFileName(path), index.Value, link, mac, master));
        }
        return result;
    }

    /// <summary>IPv4 addresses of the bridges, from the process's own view of its interfaces.</summary>
    private static ImmutableDictionary<string, ImmutableArray<string>> ReadAddresses(HashSet<string> bridges)
    {
        var result = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (!bridges.Contains(nic.Name))
                {
                    continue;
                }
                result[nic.Name] = nic.GetIPProperties().UnicastAddresses
                    .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork)
                    .Select(a => a.Address.ToString())
                    .ToImmutableArray();
            }
        }
        catch (NetworkInformationException)
        {
            // Addresses unknown: the veth resolver then refuses to name peers on gatewayed networks.
        }
        return result.ToImmutable();
    }

    private static int? ReadInt(string file) =>
        int.TryParse(ReadText(file), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string? ReadText(string file)
    {
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
