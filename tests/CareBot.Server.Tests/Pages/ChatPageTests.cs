using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using CareBot.Server.Tests.DirectLine;
using CareBot.Testing.Turns;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CareBot.Server.Tests.Pages;

/// <summary>
/// The chat page in a real browser (Debian's chromium, driven by Playwright): a public complaint on the wall, the bot's
/// public acknowledgment, the DM panel opening when the bot creates a private conversation, and a reply there.
/// Screenshots go to <c>tests/CareBot.Server.Tests/TestResults/screenshots/</c>.
/// </summary>
/// <remarks>
/// The bot here is a stand-in that does what the care bot's take-offline effect does on this channel: acknowledge in
/// public, then <c>CreateConversationAsync</c> on the activity's serviceUrl with the customer as the one member.
/// </remarks>
public sealed class ChatPageTests(ITestOutputHelper output)
{
    private const string Acknowledgment = "Sorry to hear that. We have sent you a private message so we can sort it out.";
    private const string PrivateGreeting = "Hi, this is CareBot in private. Which order is it?";

    [Fact]
    public async Task A_public_complaint_is_acknowledged_on_the_wall_and_continues_in_the_DM_panel()
    {
        IConnectorClient? connector = null;
        var bot = new DelegateBot(async (turn, ct) =>
        {
            if (turn.Activity.Type != ActivityTypes.Message)
            {
                return;
            }

            if (turn.Activity.Conversation?.IsGroup == true)
            {
                await turn.SendActivityAsync(Acknowledgment, ct);
                await connector!.CreateConversationAsync(turn.Activity.ServiceUrl!, new ConversationParameters
                {
                    Members = [turn.Activity.From!],
                    Activity = new Activity { Type = ActivityTypes.Message, Text = PrivateGreeting },
                }, ct);
            }
            else
            {
                await turn.SendActivityAsync("Thanks, I found order " + turn.Activity.Text + ". A replacement ships today.", ct);
            }
        });
        await using var server = await DirectLineServer.StartAsync(bot);
        connector = server.Connector;
        var screenshots = Path.Combine(RepositoryPaths.Root, "tests", "CareBot.Server.Tests", "TestResults", "screenshots");
        Directory.CreateDirectory(screenshots);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } });
        page.SetDefaultTimeout(30_000);
        page.Console += (_, message) => Log($"console.{message.Type}: {message.Text}");
        page.PageError += (_, error) => Log("page error: " + error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Log($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
        try
        {
            await RunScenarioAsync(page, server.BaseAddress, screenshots);
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "failure.png") });
            throw;
        }
    }

    private static async Task RunScenarioAsync(IPage page, Uri baseAddress, string screenshots)
    {
        await page.GotoAsync(baseAddress.ToString());

        // 1. A public complaint on the wall, and the bot's public acknowledgment.
        await page.Locator("body[data-wall='online']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var wall = page.Locator("#wall");
        var wallInput = wall.Locator("[data-id='webchat-sendbox-input']");
        await wallInput.FillAsync("My order arrived broken and nobody answers my emails. Unacceptable!");
        await wallInput.PressAsync("Enter");
        await Bubble(wall, Acknowledgment).WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "1-public-acknowledgment.png") });

        // 2. The channel announced the private conversation: the DM panel opens with the bot's first private message.
        var dm = page.Locator("#dm");
        await Bubble(dm, PrivateGreeting).WaitForAsync();
        Assert.True(await page.Locator("#dm-placeholder").IsHiddenAsync());

        // 3. The customer answers privately; nothing of it reaches the wall.
        await page.Locator("body[data-dm='online']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var dmInput = dm.Locator("[data-id='webchat-sendbox-input']");
        await dmInput.FillAsync("12345");
        await dmInput.PressAsync("Enter");
        await Bubble(dm, "Thanks, I found order 12345. A replacement ships today.").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "2-private-dm.png") });

        Assert.Equal(0, await Bubble(wall, "12345").CountAsync());
        Assert.Equal(1, await Bubble(wall, Acknowledgment).CountAsync());
    }

    // Browser events may arrive after the test ended, when xunit no longer takes output.
    private void Log(string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
        }
    }

    // A message bubble's text (Web Chat also repeats it in hidden screen-reader labels).
    private static ILocator Bubble(ILocator chat, string text) =>
        chat.Locator(".webchat__bubble__content", new LocatorLocatorOptions { HasTextString = text });
}
