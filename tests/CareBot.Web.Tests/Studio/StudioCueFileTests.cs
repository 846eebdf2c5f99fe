using CareBot.Care.Triage;
using CareBot.Dialogs.Validation;
using CareBot.Web.Studio;
using Microsoft.Extensions.Options;

namespace CareBot.Web.Tests.Studio;

/// <summary>The studio's view of the triage cue file: the server's own check, as problems at file, line and column.</summary>
public sealed class StudioCueFileTests
{
    private static readonly StudioCueFile CueFile = new(Options.Create(new TriageOptions { CuesPath = ShippedCueFile() }));

    // The repository's cue file, found upwards from the test binaries.
    private static string ShippedCueFile()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "dialogs", "settings", "triage.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("dialogs/settings/triage.yaml not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task The_shipped_cue_file_is_read_and_has_no_problems()
    {
        var text = await CueFile.ReadAsync(CancellationToken.None);

        Assert.NotNull(text);
        Assert.Empty(CueFile.Validate(text));
        Assert.Equal("triage.yaml", CueFile.FileName);
    }

    [Fact]
    public async Task A_broken_pattern_is_an_error_at_its_line_in_the_file()
    {
        var text = (await CueFile.ReadAsync(CancellationToken.None))!;
        var broken = text.Replace("'\\bbroken promises?\\b'", "'\\bbroken (promises?\\b'", StringComparison.Ordinal);
        Assert.NotEqual(text, broken);
        var line = broken[..broken.IndexOf("broken (promises", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var problem = Assert.Single(CueFile.Validate(broken));

        Assert.Equal(DiagnosticSeverity.Error, problem.Severity);
        Assert.Equal("triage.yaml", problem.File);
        Assert.Equal(line, problem.Line);
    }
}
