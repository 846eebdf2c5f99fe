using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>Nothing invalid goes live: a broken dialog folder or cue file stops the server at start-up, saying where.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("carebot-startup-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task An_invalid_dialog_folder_stops_the_server_with_file_line_and_column()
    {
        await File.WriteAllTextAsync(Path.Combine(scratch, "care.yaml"), "dialog: care\nstart: nowhere\nnodes:\n  - id: hello\n    say: hi\n");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => CareBotTestServer.StartAsync(
            settings: new Dictionary<string, string?> { ["CareBot:DialogsPath"] = scratch }));

        Assert.Matches(@"care\.yaml:\d+:\d+: error", error.ToString());
    }

    [Fact]
    public async Task An_invalid_triage_cue_file_stops_the_server_with_file_line_and_column()
    {
        var cues = Path.Combine(scratch, "triage.yaml");
        await File.WriteAllTextAsync(cues, "complaint:\n  - name: broken\n    patterns: ['(unclosed']\n");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => CareBotTestServer.StartAsync(
            settings: new Dictionary<string, string?> { ["Triage:CuesPath"] = cues }));

        Assert.Contains("triage.yaml", error.ToString(), StringComparison.Ordinal);
    }
}
