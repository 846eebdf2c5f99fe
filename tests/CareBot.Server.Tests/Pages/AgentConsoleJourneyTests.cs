using CareBot.Care.Agents;
using CareBot.Server.Tests.DirectLine;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Repository;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CareBot.Server.Tests.Pages;

/// <summary>
/// The issue's whole journey in real browsers against the real server: a customer complains in Web Chat, two agents
/// see the case arrive live, both press Claim and one wins, the winner answers with a canned response that the customer
/// reads in the private chat, a note with an @mention reaches the other agent live, and resolving asks the customer for
/// a rating that then shows on the case. Retakes the case screenshot for the README.
/// </summary>
/// <remarks>Texts are matched without apostrophes: Web Chat renders ' as a typographic one.</remarks>
public sealed class AgentConsoleJourneyTests(ConsoleBrowser browser, ITestOutputHelper output) : IClassFixture<ConsoleBrowser>, IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private static readonly string Docs = Path.Combine(RepositoryRoot.Path, "src", "CareBot.Web", "docs");
    private CareBotTestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = DirectLineServer.Secret,
            ["webroot"] = Path.Combine(RepositoryRoot.Path, "src", "CareBot.Server", "wwwroot"),
            ["Console:CannedResponses:0:Title"] = "Replacement on its way",
            ["Console:CannedResponses:0:Text"] = "Hi {customer.name}, about case {case.id}: a replacement for {captured.order} ships today.",
        });
        foreach (var (name, display) in new[] { ("ana", "Ana Lima"), ("ben", "Ben Okafor") })
        {
            var account = new AgentAccount(name, display, AgentRole.Agent, ["care"], false, new AgentPasswords().Hash(Password), 0, null, DateTimeOffset.UtcNow);
            Assert.True(await server.Services.GetRequiredService<IAgentAccountStore>().AddAsync(account, CancellationToken.None));
        }
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_Web_Chat_complaint_is_claimed_by_one_of_two_agents_answered_with_a_canned_response_noted_with_a_mention_resolved_and_rated()
    {
        var ana = await SignedInPageAsync("ana");
        var ben = await SignedInPageAsync("ben");
        await ana.GetByText("No cases here.").WaitForAsync();
        await ben.GetByText("No cases here.").WaitForAsync();

        // The customer complains on the wall and goes on in the private chat until the bot hands over.
        var customer = await (await browser.Browser.NewContextAsync()).NewPageAsync();
        customer.SetDefaultTimeout(30_000);
        var dm = await ComplainUntilHandedOverAsync(customer);
        var caseId = System.Text.RegularExpressions.Regex.Match(await Bubble(dm, "as case C-").Last.InnerTextAsync(), @"C-\d+").Value;

        // The customer adds a photo of the damage (kept by the channel, linked in the case).
        await dm.Locator("input[type='file']").SetInputFilesAsync(new FilePayload { Name = "crushed-box.png", MimeType = "image/png", Buffer = TestPhotos.CrushedBox });
        await SayAsync(dm, "this is how it arrived");
        await dm.Locator("img[src*='/v3/directline/attachments/']").WaitForAsync();

        // Both inboxes show it without a reload; both agents open it and press Claim together: one wins.
        await ana.Locator("table.inbox tbody tr", new() { HasTextString = caseId }).WaitForAsync();
        await ben.Locator("table.inbox tbody tr", new() { HasTextString = caseId }).WaitForAsync();
        await ana.GotoAsync(new Uri(server.BaseAddress, $"/agent/cases/{caseId}").ToString());
        await ben.GotoAsync(new Uri(server.BaseAddress, $"/agent/cases/{caseId}").ToString());
        var anaClaim = ana.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true });
        var benClaim = ben.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true });
        await anaClaim.WaitForAsync();
        await benClaim.WaitForAsync();
        var (anaNotice, benNotice) = await ClaimRace.PressAsync(ana, ben);
        var anaWon = anaNotice?.StartsWith("Claimed", StringComparison.Ordinal) == true;
        var benWon = benNotice?.StartsWith("Claimed", StringComparison.Ordinal) == true;
        Assert.True(anaWon ^ benWon, $"exactly one claim wins (ana {anaWon}, ben {benWon})");
        var (winner, loser, loserName) = anaWon ? (ana, ben, "ben") : (ben, ana, "ana");

        // The winner answers with the canned response ('/' in the reply box); the customer reads it in the private chat.
        var reply = winner.GetByLabel("Reply to the customer");
        await reply.FillAsync("/");
        await winner.GetByRole(AriaRole.Listbox, new() { Name = "Canned responses" })
            .GetByRole(AriaRole.Option, new() { NameString = "Replacement on its way" }).ClickAsync();
        // The server fills the box after the click; wait for that render rather than read the box at once.
        await Assertions.Expect(reply).ToHaveValueAsync(
            new System.Text.RegularExpressions.Regex($"about case {caseId}: a replacement for AB-123456 ships today\\.$"),
            new() { Timeout = 30_000 });
        await winner.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await winner.Locator(".notice.ok", new() { HasTextString = "Reply sent." }).WaitForAsync();
        await Bubble(dm, "a replacement for AB-123456 ships today").WaitForAsync();

        // A note mentioning the other agent reaches them live.
        await winner.GetByLabel("Internal note").FillAsync($"@{loserName} can you check the stock for this one?");
        await winner.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await loser.Locator(".mention", new() { HasTextString = "check the stock" }).WaitForAsync();
        Assert.Contains($"mentioned you on {caseId}", await loser.Locator(".mention").First.InnerTextAsync(), StringComparison.Ordinal);

        await winner.GetByLabel("New tag", new() { Exact = true }).FillAsync("replacement");
        await winner.GetByRole(AriaRole.Button, new() { Name = "Add tag" }).ClickAsync();
        await winner.Locator(".tags [data-tag='replacement']").WaitForAsync();
        Directory.CreateDirectory(Docs);
        // The photo shows in the case itself, from this server (the agent need not copy a link).
        var photo = winner.GetByRole(AriaRole.Img, new() { Name = "Photo from the customer: crushed-box.png" });
        await photo.WaitForAsync();
        await Assertions.Expect(photo).ToHaveJSPropertyAsync("naturalWidth", 120);
        await winner.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Docs, "console-case.png"), FullPage = true });

        // Resolving asks the customer for a rating; their answer shows on the case.
        await winner.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Bubble(dm, "How would you rate our help").WaitForAsync();
        await SayAsync(dm, "5");
        for (var tries = 0; await winner.Locator(".side dd", new() { HasTextString = "5 / 5" }).CountAsync() == 0; tries++)
        {
            Assert.True(tries < 30, "the rating never showed on the case");
            await Task.Delay(500);
            await winner.ReloadAsync();
            await winner.Locator(".case-status").WaitForAsync();
        }
    }

    [Fact]
    public async Task A_safety_complaint_reaches_the_console_as_urgent_and_the_case_names_the_message_that_made_it_so()
    {
        var ana = await SignedInPageAsync("ana");
        var customer = await (await browser.Browser.NewContextAsync()).NewPageAsync();
        customer.SetDefaultTimeout(30_000);

        // The hand-off happens on the email address, whose own triage is calm; the case took "urgent" from the first post.
        // Someone may be hurt, so the customer is told to call emergency services before anything else, in both chats.
        var dm = await ComplainUntilHandedOverAsync(customer, "The charger you sold me is smoking and my kid got burned", privateOpening: "call your local emergency number first");
        await Bubble(customer.Locator("#wall"), "emergency number").WaitForAsync();
        await Bubble(dm, "marked urgent").WaitForAsync();
        Directory.CreateDirectory(Docs);
        await customer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Docs, "chat-safety.png"), FullPage = true });
        var caseId = System.Text.RegularExpressions.Regex.Match(await Bubble(dm, "as case C-").Last.InnerTextAsync(), @"C-\d+").Value;
        await ana.GotoAsync(new Uri(server.BaseAddress, $"/agent/cases/{caseId}").ToString());

        var why = ana.Locator(".side .priority-message");
        await Assertions.Expect(why).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^The customer's message of .+ was triaged urgent \(complaint, safety, urgency\)\.$"));
        await ana.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Docs, "console-urgent.png"), FullPage = true });
    }

    /// <summary>How the private chat opens when the bot lets the customer vent first.</summary>
    private const string VentOpening = "I've read what you posted";

    /// <summary>
    /// A public complaint, then the private chat (venting first when it opens with <see cref="VentOpening"/>), answering
    /// the bot's questions until it gives a case id.
    /// </summary>
    private async Task<ILocator> ComplainUntilHandedOverAsync(
        IPage page,
        string complaint = "My order AB-123456 arrived broken and nobody answers my emails. Unacceptable!",
        string privateOpening = VentOpening)
    {
        await page.GotoAsync(server.BaseAddress.ToString());
        await page.Locator("body[data-wall='online']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await SayAsync(page.Locator("#wall"), complaint);
        var dm = page.Locator("#dm");
        await Bubble(dm, privateOpening).WaitForAsync();
        await page.Locator("body[data-dm='online']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        if (privateOpening == VentOpening)
        {
            await SayAsync(dm, "It was supposed to arrive two weeks ago");
            await Bubble(dm, "I hear you").WaitForAsync();
            await SayAsync(dm, "that's all");
        }

        // The details the bot still lacks, in whatever order it asks; each question is answered once.
        var answers = new List<(string Question, string Answer)>
        {
            ("order number", "AB-123456"),
            ("email address", "sam@example.com"),
            ("In a sentence or two", "It arrived broken"),
        };
        for (var tries = 0; await Bubble(dm, "as case C-").CountAsync() == 0; tries++)
        {
            Assert.True(tries < 240, "the bot never handed the conversation over");
            foreach (var pending in answers.ToList())
            {
                if (await Bubble(dm, pending.Question).CountAsync() > 0)
                {
                    answers.Remove(pending);
                    await SayAsync(dm, pending.Answer);
                }
            }

            await Task.Delay(250);
        }

        return dm;
    }

    private static async Task SayAsync(ILocator chat, string text)
    {
        var input = chat.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    private async Task<IPage> SignedInPageAsync(string user)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.PageError += (_, error) => Log($"{user}: page error: {error}");
        await page.GotoAsync(new Uri(server.BaseAddress, "/agent/signin?ReturnUrl=%2Fagent").ToString());
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Inbox" }).WaitForAsync();
        return page;
    }

    // A message bubble's text (Web Chat also repeats it in hidden screen-reader labels).
    private static ILocator Bubble(ILocator chat, string text) =>
        chat.Locator(".webchat__bubble__content", new LocatorLocatorOptions { HasTextString = text });

    private void Log(string line) => BrowserLog.Write(output, line);
}
