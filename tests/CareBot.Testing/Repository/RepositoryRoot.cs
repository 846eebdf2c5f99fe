namespace CareBot.Testing.Repository;

/// <summary>Finds the repository (the folder holding CareBot.sln) from a test's output folder.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    /// <summary>A path inside the repository, e.g. <c>RepositoryRoot.Combine("dialogs")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CareBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CareBot.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
