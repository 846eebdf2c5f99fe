using System.Text.Json;
using CareBot.Care.Agents;
using CareBot.Care.Stores;
using CareBot.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CareBot.Server.Tests.Pages;

/// <summary>
/// Every control an agent or admin uses has an accessible name: each console and admin page, with a case in it, is
/// read through chromium's own accessibility tree (what a screen reader is given, shadow DOM of the Fluent UI
/// components included), and every button, link, field, box and tab must have a name.
/// </summary>
public sealed class AccessibleNamesTests(ConsoleBrowser browser, ITestOutputHelper output) : IClassFixture<ConsoleBrowser>, IAsyncLifetime
{
    // The roles a person operates: these must say what they do.
    private static readonly HashSet<string> Controls =
    [
        "button", "link", "textbox", "searchbox", "combobox", "listbox", "checkbox", "radio", "switch", "slider",
        "spinbutton", "menuitem", "menuitemcheckbox", "menuitemradio", "tab", "option", "treeitem",
    ];

    private CareBotTestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Console:CannedResponses:0:Title"] = "Refund started",
            ["Console:CannedResponses:0:Text"] = "Your refund is on its way.",
        });
        await AdminPages.AddAccountAsync(server, "ada", "Ada Admin", AgentRole.Admin);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Every_control_on_the_console_and_admin_pages_has_an_accessible_name()
    {
        await CareConversations.AskForAPersonAsync(server, "names-" + Guid.NewGuid().ToString("N"));
        var opened = Assert.Single(await server.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(), CancellationToken.None)).Case;

        string[] paths =
        [
            "/agent", "/agent/cases/" + opened.Id, "/agent/board", "/agent/incidents", "/agent/canned",
            "/admin", "/admin/dialogs/care", "/admin/dialogs/care/history", "/admin/triage", "/admin/settings",
            "/admin/report", "/admin/audit",
        ];
        var page = await AdminPages.SignedInPageAsync(browser, server, "ada", paths[0]);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Inbox" }).WaitForAsync();

        // The check itself: an icon-only button without a label is found (else this test could never fail).
        await page.EvaluateAsync("() => { const b = document.createElement('button'); b.id = 'probe'; b.innerHTML = '<svg></svg>'; document.body.append(b); }");
        var (probed, _) = await UnnamedControlsAsync(page);
        Assert.Contains(probed, control => control.Contains("id=\"probe\"", StringComparison.Ordinal));

        var unnamed = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(new Uri(server.BaseAddress, path).ToString());
            Assert.EndsWith(path, page.Url, StringComparison.Ordinal); // not sent to "denied" or the sign-in
            await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First.WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var (found, controls) = await UnnamedControlsAsync(page);
            output.WriteLine($"{path}: {controls} controls, {found.Count} unnamed");
            Assert.True(controls > 0, path + " has no controls at all: not rendered?");
            unnamed.AddRange(found.Select(control => path + ": " + control));
        }

        // A claimed case has the most controls: reply, canned responses, note, wait, resolve, hand back.
        await page.GotoAsync(new Uri(server.BaseAddress, "/agent/cases/" + opened.Id).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).ClickAsync();
        await page.GetByLabel("Reply to the customer").FillAsync("/");
        await page.GetByRole(AriaRole.Listbox, new() { Name = "Canned responses" }).WaitForAsync();
        var (claimed, claimedControls) = await UnnamedControlsAsync(page);
        output.WriteLine($"claimed case: {claimedControls} controls, {claimed.Count} unnamed");
        unnamed.AddRange(claimed.Select(control => "claimed case: " + control));

        Assert.True(unnamed.Count == 0, "Controls without an accessible name:\n" + string.Join("\n", unnamed));
    }

    private static async Task<(List<string> Unnamed, int Controls)> UnnamedControlsAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        try
        {
            var tree = await cdp.SendAsync("Accessibility.getFullAXTree");
            var unnamed = new List<string>();
            var controls = 0;
            foreach (var node in tree!.Value.GetProperty("nodes").EnumerateArray())
            {
                var role = Value(node, "role");
                if (node.TryGetProperty("ignored", out var ignored) && ignored.GetBoolean() || role is null || !Controls.Contains(role))
                {
                    continue;
                }

                controls++;
                if (string.IsNullOrWhiteSpace(Value(node, "name")))
                {
                    unnamed.Add(role + " " + await OuterHtmlAsync(cdp, node));
                }
            }

            return (unnamed, controls);
        }
        finally
        {
            await cdp.DetachAsync();
        }
    }

    private static string? Value(JsonElement node, string property) =>
        node.TryGetProperty(property, out var p) && p.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // Which element it is, for the failure message.
    private static async Task<string> OuterHtmlAsync(ICDPSession cdp, JsonElement node)
    {
        if (!node.TryGetProperty("backendDOMNodeId", out var id))
        {
            return "(no element)";
        }

        var html = await cdp.SendAsync("DOM.getOuterHTML", new() { ["backendNodeId"] = id.GetInt32() });
        var text = html?.GetProperty("outerHTML").GetString() ?? string.Empty;
        return text.Length > 240 ? text[..240] + "…" : text;
    }
}
