using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Repository;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// Admins edit dialogs on disk while the bot runs: a valid change goes live for new conversations, a conversation in
/// flight keeps the version it started with, and an invalid change is refused while the old version stays live.
/// </summary>
public sealed class DialogReloadTests : IDisposable
{
    private const string ServiceUrl = Activities.UnusedServiceUrl; // never called: expectReplies
    private readonly string dialogs = Directory.CreateTempSubdirectory("carebot-reload-").FullName;

    public DialogReloadTests()
    {
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("dialogs"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(dialogs, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(dialogs, recursive: true);

    [Fact]
    public async Task A_valid_edit_applies_to_new_conversations_and_an_invalid_one_is_refused()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["CareBot:DialogsPath"] = dialogs,
            ["CareBot:ReloadDebounce"] = "00:00:00.100",
        });
        var inFlight = await server.ExchangeAsync(Activities.Message("My order never arrived and NOBODY answers!!!", ServiceUrl, "before-edit"));
        Assert.Contains("I'm listening", Assert.Single(inFlight).Text, StringComparison.Ordinal);

        // A valid edit: the vent acknowledgments change ("I have waited two weeks" is said calmly).
        var care = Path.Combine(dialogs, "care.yaml");
        var original = await File.ReadAllTextAsync(care);
        var edited = original.Replace("I hear you. Thank you for telling me.", "EDITED: we hear you.", StringComparison.Ordinal);
        Assert.NotEqual(original, edited);
        await File.WriteAllTextAsync(care, edited);

        var fresh = await WaitForReplyAsync(server, "My order never arrived and NOBODY answers!!!", "I have waited two weeks", "EDITED");
        Assert.Contains("EDITED", fresh, StringComparison.Ordinal);

        // The conversation that started before the edit keeps its version.
        var old = await server.ExchangeAsync(Activities.Message("I have waited two weeks", ServiceUrl, "before-edit"));
        Assert.Contains("I hear you", Assert.Single(old).Text, StringComparison.Ordinal);

        // An invalid edit is refused: new conversations still get the last valid version.
        await File.WriteAllTextAsync(care, original.Replace("next: vent_thanks", "next: no_such_node", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var afterInvalid = await ConversationAsync(server, "My order never arrived and NOBODY answers!!!", "I have waited two weeks");
        Assert.Contains("EDITED", afterInvalid, StringComparison.Ordinal);
    }

    /// <summary>Starts fresh conversations until the reloaded script answers (the watcher is asynchronous), up to 15 s.</summary>
    private static async Task<string> WaitForReplyAsync(CareBotTestServer server, string first, string second, string expected)
    {
        var reply = string.Empty;
        for (var attempt = 0; attempt < 75 && !reply.Contains(expected, StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(200);
            reply = await ConversationAsync(server, first, second);
        }

        return reply;
    }

    private static async Task<string> ConversationAsync(CareBotTestServer server, string first, string second)
    {
        var conversation = "c-" + Guid.NewGuid().ToString("N");
        await server.ExchangeAsync(Activities.Message(first, ServiceUrl, conversation));
        var replies = await server.ExchangeAsync(Activities.Message(second, ServiceUrl, conversation));
        return string.Join(" | ", replies.Select(r => r.Text));
    }
}
