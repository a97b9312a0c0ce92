using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;

namespace NetDashboard.Replicas;

/// <summary>
/// The Data Protection key ring of the replicas: kept in Redis (so a cookie or antiforgery token made by one replica is
/// read by every other) and, as well, in this replica's data folder, so the app keeps signing people in and serving
/// pages while Redis is away (the plain Redis repository would make every page fail). Keys made during an outage are
/// pushed to Redis once it answers; the others then find them when they meet a cookie signed with one (Data Protection
/// reloads the ring on an unknown key).
/// </summary>
public sealed class ReplicaKeyRepository(ReplicaRedis redis, DirectoryInfo folder, ILoggerFactory loggers) : IXmlRepository
{
    private readonly RedisXmlRepository _shared = new(() => redis.Database, redis.DataProtectionKey);
    private readonly FileSystemXmlRepository _local = new(folder, loggers);
    private readonly ILogger _logger = loggers.CreateLogger<ReplicaKeyRepository>();

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var local = _local.GetAllElements();
        IReadOnlyCollection<XElement> shared;
        List<XElement> missing;
        try
        {
            shared = _shared.GetAllElements();
            var known = shared.Select(Id).ToHashSet(StringComparer.Ordinal);
            missing = local.Where(e => !known.Contains(Id(e))).ToList();
            foreach (var element in missing)
            {
                _shared.StoreElement(element, Id(element)); // made while Redis was away: now the others get it too
            }
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            _logger.LogWarning("The shared sign-in keys could not be read from Redis ({Reason}); this replica uses its own copy until Redis answers.", ex.GetType().Name);
            return local;
        }
        var mine = local.Select(Id).ToHashSet(StringComparer.Ordinal);
        foreach (var element in shared.Where(e => !mine.Contains(Id(e))))
        {
            _local.StoreElement(element, Id(element)); // the copy that serves during the next outage
        }
        return [.. shared, .. missing];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        _local.StoreElement(element, friendlyName);
        try
        {
            _shared.StoreElement(element, friendlyName);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            _logger.LogWarning("A new sign-in key is kept only by this replica until Redis answers ({Reason}).", ex.GetType().Name);
        }
    }

    private static string Id(XElement element) => element.Attribute("id")?.Value ?? element.ToString(SaveOptions.DisableFormatting);
}
