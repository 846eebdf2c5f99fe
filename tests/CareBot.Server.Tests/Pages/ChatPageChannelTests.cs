using CareBot.Server.Tests.Hosting;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CareBot.Server.Tests.Pages;

/// <summary>
/// The chat page follows another Direct Line channel named in its URL (<c>?domain=</c>, <c>token=</c>, <c>tokenUrl=</c>)
/// only when the server allows it (<c>Chat:AllowExternalDirectLine</c>); otherwise it stays on the built-in channel.
/// In chromium, under the server's Content-Security-Policy.
/// </summary>
public sealed class ChatPageChannelTests(ITestOutputHelper output)
{
    private const string Elsewhere = "http://directline.invalid/v3/directline";

    [Fact]
    public async Task By_default_a_domain_in_the_URL_is_ignored_and_the_page_uses_its_own_channel()
    {
        await using var server = await CareBotTestServer.StartAsync();
        await using var browser = await BrowserSession.StartAsync(output);

        await browser.Page.GotoAsync($"{server.BaseAddress}?domain={Uri.EscapeDataString(Elsewhere)}&token=stolen");
        await WaitForWallAsync(browser.Page);

        Assert.Contains("does not allow", await browser.Page.Locator("#status").TextContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(browser.RequestedUrls, url => url.StartsWith("http://directline.invalid/", StringComparison.Ordinal));
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task When_allowed_the_page_takes_the_domain_and_token_url_from_its_URL()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?> { ["Chat:AllowExternalDirectLine"] = "true" });
        await using var browser = await BrowserSession.StartAsync(output);
        var domain = new Uri(server.BaseAddress, "v3/directline").ToString();
        var tokenUrl = new Uri(server.BaseAddress, "chat/token").ToString();

        await browser.Page.GotoAsync($"{server.BaseAddress}?domain={Uri.EscapeDataString(domain)}&tokenUrl={Uri.EscapeDataString(tokenUrl)}");
        await WaitForWallAsync(browser.Page);

        Assert.Equal("Connected to " + domain, await browser.Page.Locator("#status").TextContentAsync());
        Assert.Empty(browser.CspViolations);
    }

    private static Task WaitForWallAsync(IPage page) =>
        page.Locator("body[data-wall='online']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
}
