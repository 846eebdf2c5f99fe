using CareBot.Testing.Repository;

namespace CareBot.Server.Tests.Architecture;

/// <summary>Every repository path README.md names in inline code exists, so the README does not send readers nowhere.</summary>
public sealed class ReadmePathTests
{
    [Fact]
    public void Every_path_the_readme_names_exists_in_the_repository()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));

        var missing = ReadmePaths.Missing(readme, RepositoryRoot.Path);

        Assert.NotEmpty(ReadmePaths.Named(readme));
        Assert.True(missing.Count == 0, "README.md names paths that do not exist (fix the README or the code):\n  " + string.Join("\n  ", missing));
    }

    [Fact]
    public void A_path_that_does_not_exist_is_reported_and_placeholders_are_checked_up_to_themselves()
    {
        const string markdown = """
            The engine lives in `src/CareBot.Dialogs` and the scripts in `dialogs/*.yaml`; see `src/CareBot.Nowhere/Gone.cs`,
            `tests/CareBot.NAME.Tests` and `src/CareBot.Missing/.../x.cs`. Run `dotnet test tests/CareBot.Storage.Tests`.

            ```bash
            dotnet run --project `src/NotAClaim`
            ```
            """;

        var missing = ReadmePaths.Missing(markdown, RepositoryRoot.Path);

        Assert.Equal(["src/CareBot.Missing/.../x.cs", "src/CareBot.Nowhere/Gone.cs"], missing);
    }
}
