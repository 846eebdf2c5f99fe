using CareBot.Care.Agents;
using CareBot.Care.Stores;
using CareBot.Server.Tests.EndToEnd;
using CareBot.Server.Tests.Hosting;
using CareBot.Web.Console;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CareBot.Server.Tests.Agents;

/// <summary>
/// A note that mentions a colleague with an e-mail address sends them one email through the outbox to the real SMTP
/// server test.sh starts, with the note and the case's console link; a colleague without an address gets none.
/// </summary>
public sealed class MentionEmailTests : IAsyncLifetime
{
    private readonly TestMailServer mail = TestMailServer.FromEnvironment();
    private readonly string benAddress = $"ben-{Guid.NewGuid():N}@example.com";
    private CareBotTestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>(mail.SmtpSettings())
        {
            ["Notifications:ConsoleUrl"] = "https://care.example/agent/",
        });
        var accounts = server.Services.GetRequiredService<IAgentAccountStore>();
        Assert.True(await accounts.AddAsync(Account("ana", null), CancellationToken.None));
        Assert.True(await accounts.AddAsync(Account("ben", benAddress), CancellationToken.None));
        Assert.True(await accounts.AddAsync(Account("cy", null), CancellationToken.None));
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_mentioned_colleague_with_an_address_gets_exactly_one_email_with_the_note_and_the_case_link()
    {
        var caseId = await OpenCaseAsync("dm-mention-email");
        var desk = server.Services.GetRequiredService<ConsoleDesk>();

        var noted = await desk.AddNoteAsync("ana", caseId, "@ben @cy can you check the stock for this one?", CancellationToken.None);

        Assert.True(noted.Done, noted.Problem);
        var message = await mail.WaitForMessageAsync(m => TestMailServer.IsTo(m, benAddress), $"to {benAddress}");
        Assert.Equal($"ana mentioned you on case {caseId}", message.Subject);
        Assert.Contains("can you check the stock for this one?", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://care.example/agent/cases/{caseId}", message.TextBody, StringComparison.Ordinal);

        // Sending the same mention again (a retried enqueue) is dropped by its outbox key: still one email.
        var stored = await server.Services.GetRequiredService<ICaseStore>().GetAsync(caseId, CancellationToken.None);
        var ben = await server.Services.GetRequiredService<IAgentAccountStore>().GetAsync("ben", CancellationToken.None);
        await server.Services.GetRequiredService<IOutboxStore>().EnqueueAsync(
            server.Services.GetRequiredService<MentionEmails>().For(stored!.Case, "ana", [ben!], "@ben @cy can you check the stock for this one?"), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await MessagesToAsync(benAddress));
    }

    [Fact]
    public async Task A_note_without_a_mention_of_someone_with_an_address_sends_no_email()
    {
        var caseId = await OpenCaseAsync("dm-mention-none");
        var desk = server.Services.GetRequiredService<ConsoleDesk>();

        Assert.True((await desk.AddNoteAsync("ana", caseId, "@cy please look; ben is off today", CancellationToken.None)).Done);
        Assert.True((await desk.AddNoteAsync("ben", caseId, "I wrote @ben myself", CancellationToken.None)).Done);

        var outbox = server.Services.GetRequiredService<IOutboxStore>();
        for (var tries = 0; await outbox.CountPendingAsync(CancellationToken.None) > 0; tries++)
        {
            Assert.True(tries < 300, "the outbox never emptied");
            await Task.Delay(100);
        }

        Assert.Empty(await MessagesToAsync(benAddress));
    }

    private static AgentAccount Account(string name, string? email) =>
        new(name, name, AgentRole.Agent, ["care"], false, "hash", 0, null, DateTimeOffset.UtcNow, email);

    private async Task<string> OpenCaseAsync(string conversation)
    {
        await CareConversations.AskForAPersonAsync(server, conversation);
        var page = await server.Services.GetRequiredService<ICaseStore>().ListSummariesAsync(
            new CaseListQuery(CaseListQuery.AnyStatus, Limit: 10), CancellationToken.None);
        return page.Cases.OrderByDescending(c => c.CreatedAt).First().Id;
    }

    private async Task<List<MimeMessage>> MessagesToAsync(string address)
    {
        var found = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(Path.Combine(mail.Maildir, "new")))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (TestMailServer.IsTo(message, address))
            {
                found.Add(message);
            }
        }

        return found;
    }
}
