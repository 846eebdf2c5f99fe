using CareBot.Testing.Repository;
using CareBot.Server.Tests.DirectLine;
using CareBot.Server.Tests.Hosting;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CareBot.Server.Tests.Pages;

/// <summary>
/// The chat page in a real browser (Debian's chromium, driven by Playwright) against the real server and care bot: a
/// public complaint on the wall, the bot's public acknowledgment (without the order number the customer posted), the DM
/// panel opening when the bot takes the conversation offline, and the conversation going on there, all under the
/// server's Content-Security-Policy without a reported violation.
/// Screenshots go to <c>tests/CareBot.Server.Tests/TestResults/screenshots/</c>.
/// </summary>
/// <remarks>Texts are matched without apostrophes: Web Chat renders ' as a typographic one.</remarks>
public sealed class ChatPageTests(ITestOutputHelper output)
{
    private const string Complaint = "My order AB-123456 arrived broken and nobody answers my emails. Unacceptable!";
    private const string Acknowledgment = "in a private message";
    private const string PrivateGreeting = "I've read what you posted";

    [Fact]
    public Task A_public_complaint_is_acknowledged_on_the_wall_and_continues_in_the_DM_panel() =>
        InTheBrowserAsync(RunScenarioAsync);

    private static async Task RunScenarioAsync(IPage page, Uri baseAddress, string screenshots)
    {
        await page.GotoAsync(baseAddress.ToString());

        // 1. A public complaint on the wall, and the bot's public acknowledgment.
        await page.Locator("body[data-wall='online']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var wall = page.Locator("#wall");
        var wallInput = wall.Locator("[data-id='webchat-sendbox-input']");
        await wallInput.FillAsync(Complaint);
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
        await dmInput.FillAsync("It was supposed to arrive two weeks ago");
        await dmInput.PressAsync("Enter");
        await Bubble(dm, "I hear you").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "2-private-dm.png") });

        // The wall shows the customer's own post with the order number, and nothing else repeats it.
        Assert.Equal(1, await Bubble(wall, "AB-123456").CountAsync());
        Assert.Equal(0, await Bubble(wall, "two weeks").CountAsync());
        Assert.Equal(1, await Bubble(wall, Acknowledgment).CountAsync());
    }

    [Fact]
    public Task A_bare_public_request_is_offered_a_private_chat_without_an_apology_and_a_bot_question_gets_a_plain_yes() =>
        InTheBrowserAsync(async (page, baseAddress, screenshots) =>
        {
            var (wall, dm, dmInput) = await AskForHelpOnTheWallAsync(page, baseAddress);
            await Bubble(wall, "private message").WaitForAsync();
            await dmInput.FillAsync("wait, are you a bot?");
            await dmInput.PressAsync("Enter");
            await Bubble(dm, "virtual assistant").WaitForAsync();

            // Web Chat shows "Connecting…" for a moment after a new conversation starts; it must not stay.
            await page.GetByText("Connecting").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden, Timeout = 15_000 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "chat-request-and-bot-question.png") });

            Assert.Equal(0, await wall.Locator(".webchat__bubble__content", new LocatorLocatorOptions { HasTextRegex = new("sorry", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).CountAsync());
            Assert.Equal(0, await Bubble(dm, "rather not guess").CountAsync());
        });

    [Fact]
    public Task A_photo_sent_in_the_private_chat_is_shown_to_the_customer_from_the_server_and_answered() =>
        InTheBrowserAsync(async (page, baseAddress, screenshots) =>
        {
            var (wall, dm, dmInput) = await AskForHelpOnTheWallAsync(page, baseAddress);
            Assert.Equal(0, await wall.Locator("input[type='file']").CountAsync()); // no files on the public wall
            var upload = dm.Locator("input[type='file']");
            Assert.Equal("image/png,image/jpeg,image/gif,image/webp,application/pdf", await upload.GetAttributeAsync("accept"));

            // A photo over the channel's limit is refused at once, with the reason, not after a failed send.
            await upload.SetInputFilesAsync(new FilePayload { Name = "huge.png", MimeType = "image/png", Buffer = [.. TestPhotos.CrushedBox, .. new byte[11 * 1024 * 1024]] });
            await dm.GetByText("That file is larger than 10 MB, so it was not added.").WaitForAsync();
            await upload.SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "order AB-123456"u8.ToArray() });
            await dm.GetByText("Only photos (PNG, JPEG, GIF or WebP) and PDFs can be sent here").WaitForAsync();
            await upload.SetInputFilesAsync(new FilePayload { Name = "crushed-box.png", MimeType = "image/png", Buffer = TestPhotos.CrushedBox });
            await dmInput.FillAsync("the box arrived crushed and the lamp inside is broken");
            await dmInput.PressAsync("Enter");

            // The customer sees the photo as the server keeps it (not the browser's local copy), and the bot answers
            // (the story and the photo told, it asks for anything else rather than "tell me what happened").
            var photo = dm.Locator("img[src*='/v3/directline/attachments/']");
            await photo.WaitForAsync();
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll(\"#dm img[src*='/v3/directline/attachments/']\")].some(i => i.complete && i.naturalWidth === 120)");
            await Bubble(dm, "anything else I should know").WaitForAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "chat-photo.png") });
        });

    /// <summary>"help please" on the wall; returns the wall, and the private chat once it opened and is connected.</summary>
    private static async Task<(ILocator Wall, ILocator Dm, ILocator DmInput)> AskForHelpOnTheWallAsync(IPage page, Uri baseAddress)
    {
        await page.GotoAsync(baseAddress.ToString());
        await page.Locator("body[data-wall='online']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var wall = page.Locator("#wall");
        var wallInput = wall.Locator("[data-id='webchat-sendbox-input']");
        await wallInput.FillAsync("help please");
        await wallInput.PressAsync("Enter");

        var dm = page.Locator("#dm");
        await Bubble(dm, "How can we help today?").WaitForAsync();
        await page.Locator("body[data-dm='online']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return (wall, dm, dm.Locator("[data-id='webchat-sendbox-input']"));
    }

    /// <summary>
    /// One scenario in a fresh server and browser: the page under the server's Content-Security-Policy with no reported
    /// violation, and a screenshot of the failure when it fails.
    /// </summary>
    private async Task InTheBrowserAsync(Func<IPage, Uri, string, Task> scenario)
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = DirectLineServer.Secret,
            ["webroot"] = Path.Combine(RepositoryRoot.Path, "src", "CareBot.Server", "wwwroot"),
        });
        var screenshots = Path.Combine(RepositoryRoot.Path, "tests", "CareBot.Server.Tests", "TestResults", "screenshots");
        Directory.CreateDirectory(screenshots);

        await using var browser = await BrowserSession.StartAsync(output);
        var page = browser.Page;
        try
        {
            await scenario(page, server.BaseAddress, screenshots);
            Assert.Empty(browser.CspViolations);
            Assert.DoesNotContain(browser.Warnings, warning => warning.Contains("is reserved", StringComparison.Ordinal)); // Web Chat refused a user id
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "failure.png") });
            throw;
        }
    }

    // A message bubble's text (Web Chat also repeats it in hidden screen-reader labels).
    private static ILocator Bubble(ILocator chat, string text) =>
        chat.Locator(".webchat__bubble__content", new LocatorLocatorOptions { HasTextString = text });
}
