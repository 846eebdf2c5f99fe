using CareBot.Care.Agents;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.Hosting;
using CareBot.Testing.Repository;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CareBot.Server.Tests.Pages;

/// <summary>
/// The admin studio in a real browser against the real server, on a copy of the dialogs folder: an admin breaks the care
/// dialog and sees the problem at its line, fixes it, tries the draft, runs the tests and publishes; a conversation
/// started before keeps the old reply while a new one gets the new one; roll back restores it; an agent is refused.
/// Screenshots go to <c>src/CareBot.Web/docs/studio-*.png</c> for the README.
/// </summary>
public sealed class AdminStudioTests(ConsoleBrowser browser, ITestOutputHelper output) : IClassFixture<ConsoleBrowser>, IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private const string OldHandoff = "I've passed this to our care team as case";
    private const string NewHandoff = "I've passed this to our studio care team as case";
    private static readonly string Docs = Path.Combine(RepositoryRoot.Path, "src", "CareBot.Web", "docs");
    private string dialogs = null!;
    private CareBotTestServer server = null!;

    public async Task InitializeAsync()
    {
        // Publishing writes the dialogs folder: work on a copy, never on the repository's.
        dialogs = Path.Combine(Path.GetTempPath(), "carebot-studio-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dialogs);
        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.Combine("dialogs"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(dialogs, Path.GetFileName(file)));
        }

        // Publishing the cue file writes it too: a copy as well.
        Directory.CreateDirectory(Path.Combine(dialogs, "settings"));
        File.Copy(RepositoryRoot.Combine("dialogs", "settings", "triage.yaml"), Path.Combine(dialogs, "settings", "triage.yaml"));

        server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["CareBot:DialogsPath"] = dialogs,
            ["Triage:CuesPath"] = Path.Combine(dialogs, "settings", "triage.yaml"),
        });
        await AddAccountAsync("ada", "Ada Admin", AgentRole.Admin);
        await AddAccountAsync("ana", "Ana Lima", AgentRole.Agent, "care");
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(dialogs, recursive: true);
    }

    [Fact]
    public async Task An_admin_fixes_an_error_tries_tests_and_publishes_and_new_conversations_get_it_while_one_in_flight_keeps_its_version_until_rolled_back()
    {
        var live = await File.ReadAllTextAsync(Path.Combine(dialogs, "care.yaml"));
        var page = await SignedInPageAsync("ada", "/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "care", Exact = true }).ClickAsync();
        await EditorReadyAsync(page);
        Assert.Equal(live, await EditorTextAsync(page));

        // 1. An error: a route to a node that does not exist. It shows at its line, in the gutter and under Problems.
        var broken = live.Replace("goto: handoff_team\n", "goto: handoff_teem\n", StringComparison.Ordinal);
        var line = LineOf(broken, "goto: handoff_teem");
        await PasteAsync(page, broken);
        var problems = page.GetByRole(AriaRole.List, new() { Name = "Problems" });
        var problem = problems.Locator($"li.error[data-line='{line}']");
        await problem.WaitForAsync();
        Assert.Contains($"care.yaml:{line}:", await problem.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("handoff_teem", await problem.InnerTextAsync(), StringComparison.Ordinal);
        await page.WaitForFunctionAsync(
            "line => monaco.editor.getModelMarkers({ owner: 'carebot' }).some(m => m.startLineNumber === line && m.severity === monaco.MarkerSeverity.Error && m.message.includes('handoff_teem'))",
            line);
        await problem.GetByRole(AriaRole.Button).ClickAsync();
        await page.Locator(".script-editor .squiggly-error").First.WaitForAsync();
        Assert.Equal(line, await page.EvaluateAsync<int>("() => monaco.editor.getEditors()[0].getPosition().lineNumber"));
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).IsDisabledAsync());
        Directory.CreateDirectory(Docs);
        await problem.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Docs, "studio-problems.png") });

        // 2. Fixed, with a new reply text.
        var edited = live.Replace(OldHandoff, NewHandoff, StringComparison.Ordinal);
        await PasteAsync(page, edited);
        await problems.Locator("li.error").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.GetByRole(AriaRole.Button, new() { Name = "Validate" }).ClickAsync();
        await page.Locator(".notice.ok", new() { HasTextString = "The draft is valid." }).WaitForAsync();

        // The flow view: a click on a node moves the editor to its line.
        var flowNode = page.GetByRole(AriaRole.Group, new() { Name = "Flow" }).GetByRole(AriaRole.Button, new() { Name = "handoff_team", Exact = true });
        await flowNode.ClickAsync();
        await page.WaitForFunctionAsync("line => monaco.editor.getEditors()[0].getPosition().lineNumber === line", LineOf(edited, "- id: handoff_team"));
        await flowNode.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Docs, "studio-flow.png") });

        // 3. Try it: the draft answers, and the page shows the path of nodes it took.
        await page.GetByRole(AriaRole.Button, new() { Name = "Try it" }).ClickAsync();
        await page.GetByLabel("Message to the draft").FillAsync("I want to talk to a real person please");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var path = page.Locator(".try-turns .node-path").First;
        await path.WaitForAsync();
        Assert.Contains("details/ask_order", await path.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("wantsHuman", await page.Locator(".try-turns").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Docs, "studio-try.png"), FullPage = true });

        // 4. Run tests: every script's test conversations pass against the draft.
        await page.GetByRole(AriaRole.Button, new() { Name = "Run tests" }).ClickAsync();
        await page.Locator(".notice.ok", new() { HasTextString = "tests passed" }).WaitForAsync(new() { Timeout = 60_000 });

        // A conversation that starts before the publish...
        var before = "studio-before-" + Guid.NewGuid().ToString("N");
        await StartHandoffAsync(before);

        // 5. Publish with a note.
        await page.GetByLabel("Publish note").FillAsync("Name the studio care team in hand-offs");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await page.Locator(".notice.ok", new() { HasTextString = "Published version" }).WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(edited, await File.ReadAllTextAsync(Path.Combine(dialogs, "care.yaml")));

        // ...keeps its version; a new one gets the new reply.
        Assert.Contains(OldHandoff, await FinishHandoffAsync(before), StringComparison.Ordinal);
        var after = "studio-after-" + Guid.NewGuid().ToString("N");
        await StartHandoffAsync(after);
        Assert.Contains(NewHandoff, await FinishHandoffAsync(after), StringComparison.Ordinal);

        await page.GotoAsync(new Uri(server.BaseAddress, "/admin").ToString());
        var row = page.Locator("tr[data-dialog='care']");
        Assert.Contains("Name the studio care team in hand-offs", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("ada", await row.InnerTextAsync(), StringComparison.Ordinal);

        // 6. History: the diff between the versions, and roll back to the one found in the files.
        await page.GotoAsync(new Uri(server.BaseAddress, "/admin/dialogs/care/history").ToString());
        var diff = page.GetByRole(AriaRole.List, new() { Name = "Differences" });
        await diff.Locator("li.inserted", new() { HasTextString = "studio care team" }).First.WaitForAsync();
        await diff.Locator("li.deleted", new() { HasTextString = OldHandoff }).First.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Docs, "studio-history.png"), FullPage = true });
        await page.GetByLabel("Roll-back note").FillAsync("Back to the plain wording");
        await page.GetByRole(AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();
        await page.Locator(".notice.ok", new() { HasTextString = "Rolled back" }).WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(live, await File.ReadAllTextAsync(Path.Combine(dialogs, "care.yaml")));
        var restored = "studio-restored-" + Guid.NewGuid().ToString("N");
        await StartHandoffAsync(restored);
        Assert.Contains(OldHandoff, await FinishHandoffAsync(restored), StringComparison.Ordinal);

        // 7. The audit log has the publish and the roll-back.
        await page.GotoAsync(new Uri(server.BaseAddress, "/admin/audit").ToString());
        var audit = await page.GetByRole(AriaRole.Table, new() { Name = "Audit log" }).InnerTextAsync();
        Assert.Contains("Name the studio care team in hand-offs", audit, StringComparison.Ordinal);
        Assert.Contains("Back to the plain wording", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typing_a_node_offers_the_schema_s_node_kinds_and_the_error_it_makes_shows_at_its_line()
    {
        var page = await SignedInPageAsync("ada", "/admin/dialogs/care");
        await EditorReadyAsync(page);
        await PasteAsync(page, "dialog: care\nstart: entry\nnodes:\n  - id: entry\n    say: Hello\n    next: bye\n");

        await page.GetByRole(AriaRole.Region, new() { Name = "Script editor" }).GetByLabel("Script source").FocusAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync("  - ");
        await page.Keyboard.PressAsync("Control+Space");

        var suggestions = page.Locator(".suggest-widget .monaco-list-row");
        await suggestions.First.WaitForAsync();
        var offered = await suggestions.AllInnerTextsAsync();
        Assert.StartsWith("ask", offered[0], StringComparison.Ordinal); // the node kinds come first
        Assert.Contains(offered, o => o.StartsWith("handoff", StringComparison.Ordinal));
        Assert.Contains("node kind", offered[0], StringComparison.Ordinal);
        await page.Keyboard.TypeAsync("hand");
        await page.Locator(".suggest-widget .monaco-list-row.focused", new() { HasTextString = "handoff" }).WaitForAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => monaco.editor.getModels()[0].getValue().endsWith('  - handoff: ')");

        // What was typed is a node without an id or a next: the validator's error shows at its line, as a marker and under Problems.
        await page.WaitForFunctionAsync("() => monaco.editor.getModelMarkers({ owner: 'carebot' }).some(m => m.startLineNumber === 7)");
        var problem = page.GetByRole(AriaRole.List, new() { Name = "Problems" }).Locator("li.error[data-line='7']").First;
        Assert.Contains("care.yaml:7:", await problem.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_breaks_a_triage_cue_pattern_and_sees_the_server_s_error_at_its_line_until_fixed()
    {
        var page = await SignedInPageAsync("ada", "/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Triage cues" }).ClickAsync();
        await EditorReadyAsync(page);
        var cues = await EditorTextAsync(page);
        var broken = cues.Replace("'\\bbroken promises?\\b'", "'\\bbroken (promises?\\b'", StringComparison.Ordinal);
        Assert.NotEqual(cues, broken);
        var line = LineOf(broken, "broken (promises");

        await PasteAsync(page, broken);

        var problem = page.GetByRole(AriaRole.List, new() { Name = "Problems" }).Locator($"li.error[data-line='{line}']");
        await problem.WaitForAsync();
        Assert.Contains($"triage.yaml:{line}:", await problem.InnerTextAsync(), StringComparison.Ordinal);
        await page.WaitForFunctionAsync("line => monaco.editor.getModelMarkers({ owner: 'carebot' }).some(m => m.startLineNumber === line)", line);
        await problem.GetByRole(AriaRole.Button).ClickAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Docs, "studio-triage.png") });

        await PasteAsync(page, cues);
        await problem.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.GetByRole(AriaRole.Button, new() { Name = "Validate" }).ClickAsync();
        await page.Locator(".notice.ok", new() { HasTextString = "The cue file is valid." }).WaitForAsync();
    }

    [Fact]
    public async Task Only_the_admin_pages_allow_the_editor_s_workers()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        using var admin = await client.GetAsync("/admin/dialogs/care");
        using var chat = await client.GetAsync("/");

        Assert.Contains("worker-src 'self' blob:", Assert.Single(admin.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.DoesNotContain("worker-src", Assert.Single(chat.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_cannot_open_the_admin_studio()
    {
        var page = await SignedInPageAsync("ana", "/agent");

        var response = await page.GotoAsync(new Uri(server.BaseAddress, "/admin/dialogs/care").ToString());

        Assert.Equal(403, response!.Status);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" }).WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Region, new() { Name = "Script editor" }).CountAsync());
        Assert.Equal(403, (await page.GotoAsync(new Uri(server.BaseAddress, "/admin").ToString()))!.Status);
    }

    [Fact]
    public async Task An_admin_publishes_a_triage_cue_and_the_next_message_s_signals_change_without_a_restart()
    {
        const string Message = "Could a flamingo look at my order please";
        var triage = server.Services.GetRequiredService<CareBot.Care.Triage.ITriageService>();
        Assert.False((await triage.TriageAsync(Message, CancellationToken.None)).WantsHuman.Detected);
        var page = await SignedInPageAsync("ada", "/admin/triage");
        await EditorReadyAsync(page);
        var cues = await EditorTextAsync(page);
        var flamingo = cues.Replace(
            "  wantsHuman:\n    cues:\n",
            "  wantsHuman:\n    cues:\n      - reason: asks for a flamingo\n        patterns:\n          - '\\bflamingo\\b'\n",
            StringComparison.Ordinal);
        Assert.NotEqual(cues, flamingo);

        // Broken first (Publish is off), then fixed: the problem coming and going shows the server has the final text.
        await page.GetByLabel("Publish note").FillAsync("flamingos want people");
        var broken = flamingo.Replace("'\\bflamingo\\b'", "'(flamingo'", StringComparison.Ordinal);
        await PasteAsync(page, broken);
        var problem = page.GetByRole(AriaRole.List, new() { Name = "Problems" }).Locator($"li.error[data-line='{LineOf(broken, "'(flamingo'")}']");
        await problem.WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true })).ToBeDisabledAsync();
        await PasteAsync(page, flamingo);
        await problem.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is live");
        Assert.True((await triage.TriageAsync(Message, CancellationToken.None)).WantsHuman.Detected);
        Assert.Equal(flamingo, await File.ReadAllTextAsync(Path.Combine(dialogs, "settings", "triage.yaml")));
        var versions = page.GetByRole(AriaRole.Table, new() { Name = "Cue file versions" });
        await Assertions.Expect(versions).ToContainTextAsync("flamingos want people");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Roll back to #1" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Waits until the studio's code editor (Monaco) replaced the plain textarea. care.yaml is over 6,000 lines: on a busy
    /// two-core run Monaco took longer than the default 30 s to take it (as in AdminReplayTests; passing alone in 1.5 min).
    /// </summary>
    private static async Task EditorReadyAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Region, new() { Name = "Script editor" }).Locator(".monaco-host[data-ready=true]").WaitForAsync(new() { Timeout = 90_000 });
        Assert.Equal(0, await page.Locator("#script-source").CountAsync());
    }

    private static async Task<string> EditorTextAsync(IPage page) =>
        await page.EvaluateAsync<string>("() => monaco.editor.getModels()[0].getValue()");

    /// <summary>Replaces the editor's whole text at once, as a paste does (typing a 30 KB script key by key is slow).</summary>
    private static async Task PasteAsync(IPage page, string text) =>
        await page.EvaluateAsync("text => monaco.editor.getModels()[0].setValue(text)", text);

    private static int LineOf(string text, string needle) =>
        text[..text.IndexOf(needle, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    /// <summary>A Web Chat customer asks for a person and answers two questions (the hand-off comes with the next message).</summary>
    private async Task StartHandoffAsync(string conversation)
    {
        await server.ExchangeAsync(Activities.Message("I want to talk to a real person please", Activities.UnusedServiceUrl, conversation));
        await server.ExchangeAsync(Activities.Message("I don't have one", Activities.UnusedServiceUrl, conversation));
        await server.ExchangeAsync(Activities.Message("sam@example.com", Activities.UnusedServiceUrl, conversation));
    }

    private async Task<string> FinishHandoffAsync(string conversation)
    {
        var replies = await server.ExchangeAsync(Activities.Message("Wrong size delivered", Activities.UnusedServiceUrl, conversation));
        return string.Join(" | ", replies.Where(a => a.Type == ActivityTypes.Message).Select(a => a.Text));
    }

    private async Task AddAccountAsync(string name, string displayName, AgentRole role, params string[] queues)
    {
        var account = new AgentAccount(name, displayName, role, queues, false, new AgentPasswords().Hash(Password), 0, null, DateTimeOffset.UtcNow);
        Assert.True(await server.Services.GetRequiredService<IAgentAccountStore>().AddAsync(account, CancellationToken.None));
    }

    private async Task<IPage> SignedInPageAsync(string user, string path)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.PageError += (_, error) => Log($"{user}: page error: {error}");
        page.Console += (_, message) => Log($"{user}: console.{message.Type}: {message.Text}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Log($"{user}: {response.Status} {response.Url}");
            }
        };
        await page.GotoAsync(new Uri(server.BaseAddress, "/agent/signin?ReturnUrl=" + Uri.EscapeDataString(path)).ToString());
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Commit, not "load": the callers wait for what they need on the page, and the "load" wait once hung for 30 s.
        await page.WaitForURLAsync(url => url.EndsWith(path, StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        return page;
    }

    private void Log(string line) => BrowserLog.Write(output, line);
}
