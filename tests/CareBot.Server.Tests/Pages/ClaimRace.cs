using Microsoft.Playwright;

namespace CareBot.Server.Tests.Pages;

/// <summary>Two agents pressing "Claim" on the same case at the same moment, each in their own browser page.</summary>
internal static class ClaimRace
{
    // Clicks in the page itself, with no wait: the case page hides "Claim" as soon as someone's claim reaches it live,
    // so a slow second page may find it gone (its agent lost before pressing). A locator click would wait for it forever.
    private const string PressClaim =
        "() => { const b = [...document.querySelectorAll('button')].find(x => x.textContent.trim() === 'Claim'); if (!b) return false; b.click(); return true; }";

    /// <summary>Each page's notice after pressing, or null for a page whose Claim button had already gone.</summary>
    public static async Task<(string? First, string? Second)> PressAsync(IPage first, IPage second)
    {
        var pressed = await Task.WhenAll(first.EvaluateAsync<bool>(PressClaim), second.EvaluateAsync<bool>(PressClaim));
        Assert.True(pressed[0] || pressed[1], "neither page showed a Claim button");
        return (pressed[0] ? await NoticeAsync(first) : null, pressed[1] ? await NoticeAsync(second) : null);
    }

    /// <summary>
    /// The page's notice; or null when the click reached the server after the live update had already removed the
    /// button (Blazor drops an event for a handler that is gone: that agent, too, lost before pressing).
    /// </summary>
    private static async Task<string?> NoticeAsync(IPage page)
    {
        var notice = page.Locator("p.notice");
        try
        {
            await notice.WaitForAsync(new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            if (await page.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).CountAsync() == 0)
            {
                return null;
            }

            throw;
        }

        return await notice.InnerTextAsync();
    }
}
