using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Dialogs.Model;
using CareBot.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CareBot.Server.Tests.Pages;

/// <summary>
/// Settings without a restart, end to end: an admin saves SLA targets at /admin/settings (a bad value is refused with
/// its key named), the next case's due time follows them in the same running server, the audit log has the change;
/// an agent is refused.
/// </summary>
public sealed class AdminSettingsTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>, IAsyncLifetime
{
    private static readonly Dictionary<Priority, TimeSpan> FirstResponse = new()
    {
        [Priority.Urgent] = TimeSpan.FromMinutes(3),
        [Priority.High] = TimeSpan.FromMinutes(4),
        [Priority.Normal] = TimeSpan.FromMinutes(5),
        [Priority.Low] = TimeSpan.FromMinutes(6),
    };

    private CareBotTestServer server = null!;

    public async Task InitializeAsync()
    {
        server = await CareBotTestServer.StartAsync();
        await AdminPages.AddAccountAsync(server, "ada", "Ada Admin", AgentRole.Admin);
        await AdminPages.AddAccountAsync(server, "ana", "Ana Lima", AgentRole.Agent, "care");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task An_admin_saves_SLA_targets_and_the_next_case_is_due_by_them_without_a_restart()
    {
        var page = await AdminPages.SignedInPageAsync(browser, server, "ada", "/admin/settings");
        await page.GetByLabel("Normal first response").WaitForAsync();
        Assert.Equal("04:00:00", await page.GetByLabel("Normal first response").InputValueAsync()); // the default

        // A value that is not a duration: refused, with the key named.
        await page.GetByLabel("Normal first response").FillAsync("five minutes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save SLA targets" }).ClickAsync();
        var problems = page.GetByRole(AriaRole.List, new() { Name = "Problems" });
        await problems.WaitForAsync();
        Assert.Contains("Cases:Sla:Normal:FirstResponse", await problems.InnerTextAsync(), StringComparison.Ordinal);

        foreach (var (priority, firstResponse) in FirstResponse)
        {
            await page.GetByLabel($"{priority} first response").FillAsync(firstResponse.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save SLA targets" }).ClickAsync();
        await page.Locator("[role=status]", new() { HasTextString = "Saved the SLA targets (version 1)" }).WaitForAsync();

        // A customer's hand-off opens a case in the same running server: due by the saved target of its priority.
        var conversation = "settings-" + Guid.NewGuid().ToString("N");
        foreach (var text in new[] { "I want to talk to a real person please", "I don't have one", "sam@example.com", "Wrong size delivered" })
        {
            await server.ExchangeAsync(Activities.Message(text, Activities.UnusedServiceUrl, conversation));
        }

        // The target counts the brand's open time (care.yaml: weekdays 08:00-18:00 UTC), so whenever the test runs the
        // due time is the saved target (minutes) on the SLA clock, not the default (hours).
        var opened = Assert.Single(await server.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(), CancellationToken.None)).Case;
        Assert.Equal(server.Services.GetRequiredService<SlaClock>().Due(opened.CreatedAt, FirstResponse[opened.Priority]), opened.FirstResponseDue);

        await page.GotoAsync(new Uri(server.BaseAddress, "/admin/audit").ToString());
        var audit = await page.GetByRole(AriaRole.Table, new() { Name = "Audit log" }).InnerTextAsync();
        Assert.Contains("settings:Cases", audit, StringComparison.Ordinal);
        Assert.Contains("ada", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_changes_the_business_hours_and_a_new_conversation_takes_the_other_branch_without_a_restart()
    {
        var page = await AdminPages.SignedInPageAsync(browser, server, "ada", "/admin/settings");
        await page.GetByLabel("Time zone").WaitForAsync();

        // Open around the clock, every day: the care dialog's hand-off promises a reply within the SLA's 4 hours.
        await page.GetByLabel("Time zone").FillAsync("UTC");
        foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" })
        {
            await page.GetByLabel($"Open on {day}").CheckAsync();
        }

        await page.GetByLabel("Opens at (HH:mm)").FillAsync("00:00");
        await page.GetByLabel("Closes at (HH:mm, 24:00 for midnight)").FillAsync("24:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save business hours" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Saved the business hours \\(version 1\\)"));
        Assert.Contains("within 4 hours", await HandOffReplyAsync(), StringComparison.Ordinal);

        // Today (and tomorrow, in case the test runs at midnight) become holidays: the next conversation hears "offline".
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var (number, date) in new[] { (1, today), (2, today.AddDays(1)) })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Add holiday" }).ClickAsync();
            await page.GetByLabel($"Holiday {number} date").FillAsync(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByLabel($"Holiday {number} name").FillAsync($"Test day {number}");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save business hours" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Saved the business hours \\(version 2\\)"));
        var closed = await HandOffReplyAsync();
        Assert.Contains("offline right now", closed, StringComparison.Ordinal);
        // ... and it names the next opening by the saved schedule: the day after the two holidays, at midnight UTC.
        Assert.Contains($"when they're back, on {today.AddDays(2).DayOfWeek} at 00:00 UTC.", closed, StringComparison.Ordinal);

        await page.GotoAsync(new Uri(server.BaseAddress, "/admin/audit").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Audit log" })).ToContainTextAsync("settings:CareBot:BusinessHours");
    }

    /// <summary>A new customer asks for a person in a private chat; the bot's reply at the hand-off.</summary>
    private async Task<string> HandOffReplyAsync()
    {
        var conversation = "hours-" + Guid.NewGuid().ToString("N");
        IList<CareBot.Protocol.Schema.Activity> replies = [];
        foreach (var text in new[] { "I want to talk to a real person please", "I don't have one", "sam@example.com", "Wrong size delivered" })
        {
            replies = await server.ExchangeAsync(Activities.Message(text, Activities.UnusedServiceUrl, conversation));
        }

        return string.Join("\n", replies.Select(r => r.Text));
    }

    [Fact]
    public async Task An_agent_cannot_open_the_settings()
    {
        var page = await AdminPages.SignedInPageAsync(browser, server, "ana", "/agent");

        var response = await page.GotoAsync(new Uri(server.BaseAddress, "/admin/settings").ToString());

        Assert.Equal(403, response!.Status);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Save SLA targets" }).CountAsync());
    }
}
