namespace NetDashboard.Components.Management;

/// <summary>Whether the user of this page may change networks (cascaded by <see cref="WriteAccess"/>).</summary>
public sealed record WritePermission(bool CanWrite)
{
    public static readonly WritePermission None = new(false);

    public static readonly WritePermission Operator = new(true);
}
