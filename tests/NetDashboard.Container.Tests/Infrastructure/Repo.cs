namespace NetDashboard.Container.Tests.Infrastructure;

/// <summary>The repository's top folder (the one holding NetDashboard.sln, the Dockerfile and the compose files).</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    public static string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "NetDashboard.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No NetDashboard.sln above {AppContext.BaseDirectory}.");
    }
}
