using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CareBot.Server.Tests.Pages;

/// <summary>
/// Debian's chromium driven by Playwright, with one page whose console, errors, failed responses and requests are
/// logged to the test output; Content-Security-Policy violations are collected so a test can assert there are none.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly ITestOutputHelper output;
    private readonly List<string> cspViolations = [];
    private readonly List<string> warnings = [];
    private readonly List<string> requestedUrls = [];

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page, ITestOutputHelper output)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.output = output;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Console messages in which chromium reported a Content-Security-Policy violation.</summary>
    public IReadOnlyList<string> CspViolations
    {
        get
        {
            lock (cspViolations)
            {
                return [.. cspViolations];
            }
        }
    }

    /// <summary>The page's console warnings and errors.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (warnings)
            {
                return [.. warnings];
            }
        }
    }

    /// <summary>Every URL the page requested.</summary>
    public IReadOnlyList<string> RequestedUrls
    {
        get
        {
            lock (requestedUrls)
            {
                return [.. requestedUrls];
            }
        }
    }

    public static async Task<BrowserSession> StartAsync(ITestOutputHelper output)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } });
        page.SetDefaultTimeout(30_000);
        var session = new BrowserSession(playwright, browser, page, output);
        page.Console += (_, message) => session.OnConsole(message.Type, message.Text);
        page.PageError += (_, error) => session.Log("page error: " + error);
        page.Request += (_, request) =>
        {
            lock (session.requestedUrls)
            {
                session.requestedUrls.Add(request.Url);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                session.Log($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    private void OnConsole(string type, string text)
    {
        Log($"console.{type}: {text}");
        if (type is "warning" or "error")
        {
            lock (warnings)
            {
                warnings.Add(text);
            }
        }

        if (text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
        {
            lock (cspViolations)
            {
                cspViolations.Add(text);
            }
        }
    }

    private void Log(string line) => BrowserLog.Write(output, line);
}
