using Bunit;
using CareBot.Web.Components.Pages.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Web.Tests.Studio;

/// <summary>The replay panel: conversation by conversation, what the draft changes, masked.</summary>
public sealed class ReplayPanelTests : BunitContext
{
    [Fact]
    public async Task Replaying_lists_each_conversation_and_shows_the_changed_reply_of_live_and_draft()
    {
        using var folder = await StudioFolder.CreateAsync();
        Services.AddSingleton(ReplayCases.Replay(folder, ReplayCases.WithCustomerLines(1001, "hi, I am sam@example.com", "Sam"), ReplayCases.WithCustomerLines(1002, "hello")));
        var draft = StudioFolder.Hello.Replace("say: \"Bye now.\"", "say: \"Goodbye for now.\"", StringComparison.Ordinal);
        var panel = Render<ReplayPanel>(p => p.Add(r => r.ScriptId, "hello").Add(r => r.Source, draft));

        Assert.Equal("20", panel.Find("input[type=number]#replay-count").GetAttribute("value"));
        panel.Find("button:contains('Replay')").Click();

        panel.WaitForAssertion(() => Assert.Equal("1 of 2 conversation(s) would go differently with the draft.", panel.Find("[role=status]").TextContent));
        var changed = panel.Find("ol[aria-label='Replayed conversations'] > li.changed");
        Assert.Equal("C-1001", changed.GetAttribute("data-case"));
        Assert.Contains("hi, I am [email]", changed.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("sam@example.com", panel.Markup, StringComparison.Ordinal);
        Assert.StartsWith("(private) Bye now.", changed.QuerySelector("dd.live")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("(private) Goodbye for now.", changed.QuerySelector("dd.draft")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("C-1002", panel.Find("ol[aria-label='Replayed conversations'] > li.unchanged").GetAttribute("data-case"));
    }

    [Fact]
    public async Task A_number_of_conversations_out_of_range_is_refused_with_a_message()
    {
        using var folder = await StudioFolder.CreateAsync();
        Services.AddSingleton(ReplayCases.Replay(folder, ReplayCases.WithCustomerLines(1001, "hi")));
        var panel = Render<ReplayPanel>(p => p.Add(r => r.ScriptId, "hello").Add(r => r.Source, StudioFolder.Hello));

        panel.Find("#replay-count").Change("0");
        panel.Find("button:contains('Replay')").Click();

        Assert.Contains("between 1 and 200", panel.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("ol[aria-label='Replayed conversations']"));
    }
}
