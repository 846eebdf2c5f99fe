using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Channel;
using CareBot.Testing.Repository;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CareBot.Server.Tests.Pages;

/// <summary>
/// The agent console in a real browser against the real server: sign-in and lock-out, a case appearing live, two agents
/// racing to claim, a reply reaching the customer's private chat (the fake channel), resolving, and customer text that
/// stays text. The inbox screenshot goes to <c>src/CareBot.Web/docs/</c> for the README (the case one comes from
/// <see cref="AgentConsoleJourneyTests"/>).
/// </summary>
public sealed class AgentConsoleTests(ConsoleBrowser browser, ITestOutputHelper output) : IClassFixture<ConsoleBrowser>, IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private static readonly string Docs = Path.Combine(RepositoryRoot.Path, "src", "CareBot.Web", "docs");
    private FakeChannel channel = null!;
    private CareBotTestServer server = null!;

    public async Task InitializeAsync()
    {
        channel = await FakeChannel.StartAsync();
        server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["AgentSignIn:MaxFailedAttempts"] = "3",
            ["Console:CannedResponses:0:Title"] = "Order delayed",
            ["Console:CannedResponses:0:Text"] = "Hi {customer.name}, case {case.id}: your parcel ships tomorrow. {captured.nothing}",
            ["Console:CannedResponses:1:Title"] = "Refund started",
            ["Console:CannedResponses:1:Text"] = "Your refund is on its way.",
        });
        await AddAccountAsync("ana", "Ana Lima", AgentRole.Agent, "care", "email");
        await AddAccountAsync("ben", "Ben Okafor", AgentRole.Agent, "care", "email");
        await AddAccountAsync("otto", "Otto Other", AgentRole.Agent, "billing");
        await AddAccountAsync("sue", "Sue Visor", AgentRole.Supervisor);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await channel.DisposeAsync();
    }

    [Fact]
    public async Task After_sign_in_a_new_case_appears_in_the_inbox_without_reloading()
    {
        var page = await SignedInPageAsync("ana");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Inbox" }).WaitForAsync();
        await page.GetByText("No cases here.").WaitForAsync();

        await CareConversations.AskForAPersonAsync(server, "dm-live-" + Guid.NewGuid().ToString("N"));

        var row = page.Locator("table.inbox tbody tr");
        await row.First.WaitForAsync();
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains("Queued", await row.First.InnerTextAsync(), StringComparison.Ordinal);
        // The SLA counts open time, so out of hours the case is due when the team is back: "1d 10h left" at night.
        Assert.Matches(@"^\d+[dhm] \d+[hms] left$", await row.First.Locator(".sla").InnerTextAsync());
        Directory.CreateDirectory(Docs);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Docs, "console-inbox.png") });
    }

    [Fact]
    public async Task Two_agents_press_Claim_one_wins_and_the_winner_replies_into_the_private_chat_and_resolves()
    {
        var caseId = await OpenCaseAsync("Wrong size delivered");
        var ana = await SignedInPageAsync("ana", $"/agent/cases/{caseId}");
        var ben = await SignedInPageAsync("ben", $"/agent/cases/{caseId}");
        await ana.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).WaitForAsync();
        await ben.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).WaitForAsync();

        var (anaNotice, benNotice) = await ClaimRace.PressAsync(ana, ben);

        var anaWon = anaNotice?.StartsWith("Claimed", StringComparison.Ordinal) == true;
        var benWon = benNotice?.StartsWith("Claimed", StringComparison.Ordinal) == true;
        Assert.True(anaWon ^ benWon, $"ana: {anaNotice} / ben: {benNotice}");
        var (winner, loser) = anaWon ? (ana, ben) : (ben, ana);
        var winnerName = winner == ana ? "ana" : "ben";
        // Either outcome on the loser's side says who won, never silently: its Claim reached the server too late (the
        // refusal), or its page saw the winner's claim live first (and dropped the button, or the click on it).
        var claimedNotice = (winner == ana ? "Ana Lima" : "Ben Okafor") + " claimed this case.";
        var loserNotice = anaWon ? benNotice : anaNotice;
        Assert.True(loserNotice is null || loserNotice == claimedNotice, $"the loser's notice: {loserNotice}");
        await Assertions.Expect(loser.Locator("p.notice[role=status]")).ToHaveTextAsync(claimedNotice);

        // The loser's page follows live: it shows who has the case.
        await loser.Locator(".case-assignee", new() { HasTextString = winnerName }).WaitForAsync();
        await winner.GetByText("This case is yours.").WaitForAsync();
        Assert.Equal(0, await loser.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).CountAsync());

        // The loser may not reply; the winner's reply reaches the customer's private conversation.
        await loser.GetByLabel("Reply to the customer").FillAsync("Sneaky reply");
        await loser.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await loser.Locator(".notice", new() { HasTextString = "assigned to" }).WaitForAsync();
        await winner.GetByLabel("Reply to the customer").FillAsync("So sorry! A replacement in the right size ships today.");
        await winner.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await winner.Locator(".notice.ok", new() { HasTextString = "Reply sent." }).WaitForAsync();
        var delivered = await channel.WaitForActivitiesAsync(1, TimeSpan.FromSeconds(20));
        Assert.Contains(delivered, a => a.Text == "So sorry! A replacement in the right size ships today.");
        Assert.DoesNotContain(channel.Activities, a => a.Text == "Sneaky reply");

        await winner.GetByLabel("Internal note").FillAsync("Replacement ordered, ticket 77.");
        await winner.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await winner.Locator(".story li.note", new() { HasTextString = "ticket 77" }).WaitForAsync();

        await winner.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await winner.Locator(".case-status", new() { HasTextString = "Resolved" }).WaitForAsync();
        await loser.Locator(".case-status", new() { HasTextString = "Resolved" }).WaitForAsync();
        var stored = await server.Services.GetRequiredService<ICaseStore>().GetAsync(caseId, CancellationToken.None);
        Assert.Equal(CareBot.Care.Cases.CaseStatus.Resolved, stored!.Case.Status);
        Assert.Equal(winnerName, stored.Case.Assignee);
    }

    [Fact]
    public async Task A_case_claimed_by_someone_else_while_open_shows_who_claimed_it_live()
    {
        var caseId = await QueueCaseAsync(CareBot.Dialogs.Model.Priority.Normal, "care");
        var ana = await SignedInPageAsync("ana", $"/agent/cases/{caseId}");
        await ana.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).WaitForAsync();

        var claimed = await server.Services.GetRequiredService<CareBot.Web.Console.ConsoleDesk>().ClaimAsync("ben", caseId, CancellationToken.None);

        Assert.True(claimed.Done, claimed.Problem);
        await Assertions.Expect(ana.GetByRole(AriaRole.Status).Filter(new() { HasTextString = "claimed this case" })).ToHaveTextAsync("Ben Okafor claimed this case.");
        await Assertions.Expect(ana.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_script_in_a_customer_message_is_shown_as_text_and_never_runs()
    {
        const string Payload = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script> broken";
        var caseId = await OpenCaseAsync(Payload);
        var page = await SignedInPageAsync("ana", $"/agent/cases/{caseId}");

        var line = page.Locator(".story li.customer .text", new() { HasTextString = "onerror=" });
        await line.WaitForAsync();

        Assert.Equal(Payload, await line.InnerTextAsync());
        Assert.Equal(0, await page.Locator(".story img, .story script").CountAsync());
        Assert.NotEqual("pwned", await page.TitleAsync());
        await page.GotoAsync(new Uri(server.BaseAddress, "/agent").ToString());
        await page.Locator("table.inbox tbody tr").First.WaitForAsync();
        Assert.Equal(0, await page.Locator("table.inbox img").CountAsync());
        Assert.NotEqual("pwned", await page.TitleAsync());
    }

    [Fact]
    public async Task The_case_link_of_the_notification_email_opens_the_case_after_sign_in()
    {
        var caseId = await OpenCaseAsync("Wrong size delivered");
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync(new Uri(server.BaseAddress, $"/agent/cases/{caseId}").ToString());
        Assert.Contains("/agent/signin", page.Url, StringComparison.Ordinal);
        await SignInAsync(page, "ana", Password);

        await page.GetByRole(AriaRole.Heading, new() { NameString = caseId }).WaitForAsync();
        Assert.EndsWith($"/agent/cases/{caseId}", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_does_not_see_or_touch_a_case_in_a_queue_they_do_not_work()
    {
        var caseId = await OpenCaseAsync("Wrong size delivered");
        var page = await SignedInPageAsync("otto", $"/agent/cases/{caseId}");

        await page.GetByText($"There is no case {caseId}, or it is in a queue you don't work.").WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Claim" }).CountAsync());
    }

    [Fact]
    public async Task A_supervisor_reassigns_a_case_and_raises_its_priority_on_the_board_and_the_agents_see_it_live()
    {
        var caseId = await OpenCaseAsync("Wrong size delivered");
        var ana = await SignedInPageAsync("ana", $"/agent/cases/{caseId}");
        await ana.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).ClickAsync();
        await ana.Locator(".case-assignee", new() { HasTextString = "ana" }).WaitForAsync();
        var sue = await SignedInPageAsync("sue", "/agent/board");
        await sue.GetByRole(AriaRole.Heading, new() { Name = "Supervisor board" }).WaitForAsync();
        await sue.Locator("tr[data-agent='ana']", new() { HasTextString = caseId }).WaitForAsync();

        await sue.GetByLabel("Case", new() { Exact = true }).SelectOptionAsync(caseId);
        await sue.GetByLabel("Assign to").SelectOptionAsync("ben");
        await sue.GetByRole(AriaRole.Button, new() { Name = "Reassign" }).ClickAsync();
        await sue.Locator(".notice.ok", new() { HasTextString = $"{caseId} is now assigned to ben." }).WaitForAsync();
        await sue.GetByLabel("Priority").SelectOptionAsync("Urgent");
        await sue.GetByRole(AriaRole.Button, new() { Name = "Change priority" }).ClickAsync();
        await sue.Locator(".notice.ok", new() { HasTextString = $"{caseId} is now Urgent." }).WaitForAsync();

        await sue.Locator("tr[data-agent='ben']", new() { HasTextString = caseId }).WaitForAsync();
        await ana.Locator(".case-assignee", new() { HasTextString = "ben" }).WaitForAsync();
        await ana.Locator(".story li.note", new() { HasTextString = "sue reassigned the case from ana to ben." }).WaitForAsync();
        await ana.Locator(".story li.note", new() { HasTextString = "sue changed the priority from" }).WaitForAsync();
        var stored = await server.Services.GetRequiredService<ICaseStore>().GetAsync(caseId, CancellationToken.None);
        Assert.Equal(("ben", CareBot.Dialogs.Model.Priority.Urgent), (stored!.Case.Assignee, stored.Case.Priority));
    }

    [Fact]
    public async Task Typing_a_slash_in_the_reply_box_offers_canned_responses_and_choosing_one_fills_in_the_case()
    {
        var caseId = await OpenCaseAsync("Where is my parcel?");
        var page = await SignedInPageAsync("ana", $"/agent/cases/{caseId}");
        var reply = page.GetByLabel("Reply to the customer");
        await reply.WaitForAsync();

        await reply.PressSequentiallyAsync("/ord");
        var list = page.GetByRole(AriaRole.Listbox, new() { Name = "Canned responses" });
        // The list opens at "/" with every response and narrows as the rest is typed: wait for the filter, not the first render.
        await Assertions.Expect(list.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await list.GetByRole(AriaRole.Option, new() { NameString = "Order delayed" }).ClickAsync();

        await page.WaitForFunctionAsync("() => document.getElementById('reply').value.startsWith('Hi ')");
        var text = await reply.InputValueAsync();
        Assert.Matches($@"^Hi \S.*, case {caseId}: your parcel ships tomorrow\. \{{captured\.nothing\}}$", text);
        await Assertions.Expect(list).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Keyboard_j_moves_through_the_inbox_enter_opens_r_focuses_the_reply_and_question_mark_lists_the_shortcuts()
    {
        var caseId = await OpenCaseAsync("Where is my parcel?");
        var page = await SignedInPageAsync("ana");
        await page.Locator("table.inbox tbody tr", new() { HasTextString = caseId }).WaitForAsync();

        await page.Keyboard.PressAsync("j");
        await page.Locator("table.inbox tbody tr.current").WaitForAsync();
        Assert.Equal(
            await page.Locator("table.inbox tbody tr").First.Locator("a").InnerTextAsync(),
            await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        var first = await page.Locator("table.inbox tbody tr").First.Locator("a").InnerTextAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { NameString = first }).WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).WaitForAsync();
        await page.Keyboard.PressAsync("r");
        Assert.Equal("reply", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Escape");
        await page.EvaluateAsync("() => document.activeElement.blur()");
        await page.Keyboard.PressAsync("?");
        await page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    }

    [Fact]
    public async Task An_agent_cannot_open_the_supervisor_board()
    {
        var page = await SignedInPageAsync("ana");

        var response = await page.GotoAsync(new Uri(server.BaseAddress, "/agent/board").ToString());

        Assert.Equal(403, response!.Status);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" }).WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Heading, new() { Name = "Supervisor board" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Reassign" }).CountAsync());
    }

    [Fact]
    public async Task Three_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(new Uri(server.BaseAddress, "/agent/signin").ToString());

        await SignInAsync(page, "ana", "wrong password 1");
        await page.GetByRole(AriaRole.Alert).Filter(new() { HasTextString = "user name or password is wrong" }).WaitForAsync();
        await SignInAsync(page, "ana", "wrong password 2");
        await SignInAsync(page, "ana", "wrong password 3");
        await page.GetByRole(AriaRole.Alert).Filter(new() { HasTextString = "locked" }).WaitForAsync();
        await SignInAsync(page, "ana", Password);

        await page.GetByRole(AriaRole.Alert).Filter(new() { HasTextString = "locked" }).WaitForAsync();
        Assert.Contains("/agent/signin", page.Url, StringComparison.Ordinal);
        await page.GotoAsync(new Uri(server.BaseAddress, "/agent").ToString());
        Assert.Contains("/agent/signin", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agents_on_one_case_see_each_other_typing_and_a_reply_begun_before_the_customer_wrote_again_is_held_until_confirmed()
    {
        var (caseId, conversation) = await OpenCaseWithConversationAsync("My order came damaged");
        var ana = await SignedInPageAsync("ana", $"/agent/cases/{caseId}");
        await ana.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).ClickAsync();
        await ana.Locator(".case-assignee", new() { HasTextString = "ana" }).WaitForAsync();
        var ben = await SignedInPageAsync("ben", $"/agent/cases/{caseId}");

        await ana.Locator(".presence [data-viewer='ben']", new() { HasTextString = "ben is viewing" }).WaitForAsync();
        await ben.Locator(".presence [data-viewer='ana']", new() { HasTextString = "ana is viewing" }).WaitForAsync();
        await ana.GetByLabel("Reply to the customer").FillAsync("Let me check order A-1 for you.");
        await ben.Locator(".presence [data-viewer='ana']", new() { HasTextString = "ana is typing a reply" }).WaitForAsync();

        await server.ExchangeAsync(Activities.Message("Sorry, it's order B-2, not A-1", channel.ServiceUrl, conversation));
        await ana.Locator(".story li.customer", new() { HasTextString = "order B-2" }).WaitForAsync();
        await ana.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();

        await ana.Locator(".notice", new() { HasTextString = "The customer wrote again" }).WaitForAsync();
        Assert.DoesNotContain(channel.Activities, a => a.Text == "Let me check order A-1 for you.");
        await ana.GetByRole(AriaRole.Button, new() { Name = "Send anyway" }).ClickAsync();
        await ana.Locator(".notice.ok", new() { HasTextString = "Reply sent." }).WaitForAsync();
        for (var tries = 0; !channel.Activities.Any(a => a.Text == "Let me check order A-1 for you."); tries++)
        {
            Assert.True(tries < 200, "the confirmed reply never reached the customer");
            await Task.Delay(100);
        }

        await ben.Locator(".presence [data-viewer='ana']", new() { HasTextString = "ana is viewing" }).WaitForAsync();

        // ana's tab crashes, so it never sends the goodbye Blazor sends on unload: her page lives on at the server for
        // minutes (in case she reconnects), but the dropped connection takes her off "who is viewing" at once.
        var devTools = await ana.Context.NewCDPSessionAsync(ana);
        _ = devTools.SendAsync("Page.crash");
        await Assertions.Expect(ben.Locator(".presence [data-viewer='ana']")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task The_chosen_view_queue_and_minimum_priority_are_there_again_at_the_next_visit()
    {
        var page = await SignedInPageAsync("ana");
        await page.GetByText("No cases here.").WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Unassigned" }).ClickAsync();
        await page.GetByLabel("Queue").SelectOptionAsync("email");
        await page.GetByLabel("Minimum priority").SelectOptionAsync("High");
        var preferences = server.Services.GetRequiredService<IAgentPreferenceStore>();
        for (var tries = 0; (await preferences.GetAsync("ana", "inbox-filter", CancellationToken.None))?.Contains("High", StringComparison.Ordinal) != true; tries++)
        {
            Assert.True(tries < 100, "the inbox filter was never saved");
            await Task.Delay(100);
        }

        await page.ReloadAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Unassigned", Pressed = true }).WaitForAsync();
        Assert.Equal("email", await page.GetByLabel("Queue").InputValueAsync());
        Assert.Equal("High", await page.GetByLabel("Minimum priority").InputValueAsync());
        Assert.Equal(["", "care", "email"], await page.GetByLabel("Queue").Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));

        // The views are Fluent UI buttons, and work from the keyboard.
        var mine = page.GetByRole(AriaRole.Button, new() { Name = "Mine", Exact = true });
        Assert.Equal("FLUENT-BUTTON", await mine.EvaluateAsync<string>("b => b.tagName"));
        await mine.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mine", Exact = true, Pressed = true })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task An_urgent_new_case_in_the_agents_queue_plays_the_sound_once_and_notifies_after_opting_in_and_other_cases_do_not()
    {
        // Records the sound and the notifications instead of making them (headless Chromium has neither speakers nor a desktop).
        const string Recorder = """
            window.carebotAlerts = { plays: 0, notifications: [] };
            HTMLMediaElement.prototype.play = function () { window.carebotAlerts.plays++; return Promise.resolve(); };
            window.Notification = class {
              static permission = "granted";
              static requestPermission() { return Promise.resolve("granted"); }
              constructor(title, options) { window.carebotAlerts.notifications.push(title + " | " + (options && options.body)); }
            };
            """;
        var page = await SignedInPageAsync("ana");
        await page.AddInitScriptAsync(Recorder);
        await page.ReloadAsync();
        await page.GetByText("No cases here.").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Desktop notifications" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Desktop notifications", Pressed = true }).WaitForAsync();

        var urgent = await QueueCaseAsync(CareBot.Dialogs.Model.Priority.Urgent, "care");
        await page.Locator("table.inbox tbody tr", new() { HasTextString = urgent }).WaitForAsync();
        await page.WaitForFunctionAsync("() => window.carebotAlerts.plays === 1 && window.carebotAlerts.notifications.length === 1");
        var elsewhere = await QueueCaseAsync(CareBot.Dialogs.Model.Priority.Urgent, "billing");
        var low = await QueueCaseAsync(CareBot.Dialogs.Model.Priority.Low, "care");
        await page.Locator("table.inbox tbody tr", new() { HasTextString = low }).WaitForAsync();
        await Task.Delay(TimeSpan.FromSeconds(2)); // an alert for either would have come with the row (same event)

        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.carebotAlerts.plays"));
        var notified = await page.EvaluateAsync<string[]>("() => window.carebotAlerts.notifications");
        Assert.Equal([$"New Urgent case {urgent} | In the care queue"], notified);
        Assert.Equal(urgent, await page.EvaluateAsync<string>("() => document.body.dataset.lastAlert"));
        Assert.Equal(0, await page.Locator("table.inbox tbody tr", new() { HasTextString = elsewhere }).CountAsync());
    }

    /// <summary>A case as a hand-off queues it (stored, then announced on the live feed), with a chosen priority and queue.</summary>
    private async Task<string> QueueCaseAsync(CareBot.Dialogs.Model.Priority priority, string queue)
    {
        var cases = server.Services.GetRequiredService<ICaseStore>();
        var number = await cases.NextNumberAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var (opened, _) = CareBot.Care.Cases.Case.Open(
            number,
            "alert-test/" + number,
            new CareBot.Care.Cases.CaseCustomer("webchat", "alert-user-" + number, "Sam"),
            new CareBot.Care.Cases.CaseOrigin(CareBot.Care.Cases.CaseOriginKind.PrivateChat, null, null, null),
            queue,
            priority,
            "care/handoff",
            new Dictionary<string, CareBot.Dialogs.Runtime.CapturedValue>(),
            new CareBot.Care.Cases.CaseOptions().TargetFor(priority),
            now);
        opened.RecordCustomerMessage(CareBot.Care.Cases.CaseThread.Private, "Where is my order?", now);
        var queued = opened.Enqueue(now);
        await server.Services.GetRequiredService<ITurnCommitStore>().CommitAsync(new TurnCommit([], [opened], []), CancellationToken.None);
        server.Services.GetRequiredService<ICaseEventFeed>().Publish(queued);
        return opened.Id;
    }

    private async Task AddAccountAsync(string name, string displayName, AgentRole role, params string[] queues)
    {
        var account = new AgentAccount(name, displayName, role, queues, false, new AgentPasswords().Hash(Password), 0, null, DateTimeOffset.UtcNow);
        Assert.True(await server.Services.GetRequiredService<IAgentAccountStore>().AddAsync(account, CancellationToken.None));
    }

    /// <summary>A customer in a private chat (replies by the fake channel) asks for a person: the case id.</summary>
    private async Task<string> OpenCaseAsync(string lastMessage) => (await OpenCaseWithConversationAsync(lastMessage)).CaseId;

    private async Task<(string CaseId, string Conversation)> OpenCaseWithConversationAsync(string lastMessage)
    {
        var conversation = "dm-" + Guid.NewGuid().ToString("N");
        await server.ExchangeAsync(Activities.Message("I want to talk to a real person please", channel.ServiceUrl, conversation));
        await server.ExchangeAsync(Activities.Message("I don't have one", channel.ServiceUrl, conversation));
        await server.ExchangeAsync(Activities.Message("sam@example.com", channel.ServiceUrl, conversation));
        await server.ExchangeAsync(Activities.Message(lastMessage, channel.ServiceUrl, conversation));
        var cases = await server.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(Limit: 500), CancellationToken.None);
        return (cases.OrderByDescending(c => c.Case.Number).First().Case.Id, conversation);
    }

    private async Task<IPage> SignedInPageAsync(string user, string path = "/agent")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.PageError += (_, error) => Log($"{user}: page error: {error}");
        page.Console += (_, message) => Log($"{user}: console.{message.Type}: {message.Text}");
        await page.GotoAsync(new Uri(server.BaseAddress, "/agent/signin?ReturnUrl=" + Uri.EscapeDataString(path)).ToString());
        await SignInAsync(page, user, Password);
        // The sign-in wait above already saw the new document; waiting here for its "load" event again once hung for 30 s.
        await page.WaitForURLAsync(url => url.EndsWith(path, StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        return page;
    }

    private static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        // Mark the page, so that the wait below ends on the document the POST answered with, not on the old one.
        await page.EvaluateAsync("() => { window.carebotBeforeSignIn = true; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.carebotBeforeSignIn !== true && document.readyState !== 'loading'");
    }

    private void Log(string line) => BrowserLog.Write(output, line);
}
