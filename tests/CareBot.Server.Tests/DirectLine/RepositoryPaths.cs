namespace CareBot.Server.Tests.DirectLine;

/// <summary>Finds the repository from the test's output folder (the folder holding CareBot.sln).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CareBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CareBot.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
