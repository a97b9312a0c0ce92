using NetDashboard.Core.Model;

namespace NetDashboard.Components.Presentation;

public static class DetailText
{
    /// <summary>Why an object shown on a detail page is no longer in the topology.</summary>
    public static string Gone(string kind, string name, HostInfo? host) => host switch
    {
        { Status: HostStatus.Disconnected } =>
            $"{host.Name} is disconnected, so the {kind} {name} can't be seen right now. Below is its last known state.",
        null => $"The host of the {kind} {name} is no longer watched. Below is its last known state.",
        _ => $"The {kind} {name} was removed. Below is its last known state.",
    };
}
