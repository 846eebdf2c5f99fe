using System.Globalization;
using Bunit;
using CareBot.Care.Cases;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Web.Components.Cases;
using Microsoft.FluentUI.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Web.Tests;

/// <summary>The console's components rendered alone: customer text stays text, the SLA clock turns red when breached.</summary>
public sealed class ComponentTests : BunitContext
{
    private const string Payload = "<img src=x onerror=alert(1)><script>alert(2)</script>";

    public ComponentTests()
    {
        Services.AddFluentUIComponents();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void The_inbox_shows_a_customer_name_and_message_with_markup_as_plain_text()
    {
        var value = TestCases.Queued(1001, customerText: Payload, customerName: "<b>Eve</b>");

        var table = Render<InboxTable>(p => p
            .Add(t => t.Cases, [CaseSummary.Of(value)])
            .Add(t => t.Now, TestCases.Opened));

        Assert.Empty(table.FindAll("img"));
        Assert.Empty(table.FindAll("script"));
        Assert.Empty(table.FindAll("b"));
        Assert.Contains("<b>Eve</b>", table.Find("tbody tr").TextContent, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=alert(1)>", table.Find("tbody tr").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_story_renders_customer_markup_as_text()
    {
        var value = TestCases.Queued(1002, customerText: Payload);

        var story = Render<CaseStory>(p => p.Add(s => s.Case, value));

        Assert.Empty(story.FindAll("img"));
        Assert.Empty(story.FindAll("script"));
        Assert.Equal(Payload, story.Find("li.customer .text").TextContent);
    }

    [Fact]
    public void A_photo_and_a_pdf_the_customer_sent_through_the_chat_are_shown_from_this_server()
    {
        const string Photo = "0123456789abcdef0123456789abcdef";
        const string Pdf = "fedcba9876543210fedcba9876543210";
        var value = TestCases.Queued(1005, customerText:
            $"it came like this [photo: crushed box.png http://chat.example/v3/directline/attachments/{Photo}] [file: receipt.pdf https://chat.example/v3/directline/attachments/{Pdf}]");

        var story = Render<CaseStory>(p => p.Add(s => s.Case, value));

        var image = Assert.Single(story.FindAll("li.customer .files img"));
        Assert.Equal("/v3/directline/attachments/" + Photo, image.GetAttribute("src"));
        Assert.Equal("Photo from the customer: crushed box.png", image.GetAttribute("alt"));
        var links = story.FindAll("li.customer .files a");
        Assert.Equal(["/v3/directline/attachments/" + Photo, "/v3/directline/attachments/" + Pdf], links.Select(a => a.GetAttribute("href")));
        Assert.Equal("Download the file receipt.pdf", links[1].GetAttribute("aria-label"));
        Assert.Equal("noopener noreferrer", links[1].GetAttribute("rel"));
        Assert.StartsWith("it came like this [photo: crushed box.png http://chat.example/", story.Find("li.customer .text").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[photo: cat.png https://evil.example/cat.png]")] // not a kept file
    [InlineData("[photo: cat.png https://evil.example/v3/directline/attachments/../../admin]")] // not an id
    [InlineData("[photo: cat.png javascript:alert(1)/v3/directline/attachments/0123456789abcdef0123456789abcdef]")]
    [InlineData("look at /v3/directline/attachments/0123456789abcdef0123456789abcdef")] // not the channel's note
    public void Anything_else_that_looks_like_a_file_stays_text(string text)
    {
        var value = TestCases.Queued(1006, customerText: text);

        var story = Render<CaseStory>(p => p.Add(s => s.Case, value));

        Assert.Empty(story.FindAll(".files"));
        Assert.Equal(text, story.Find("li.customer .text").TextContent);
    }

    [Fact]
    public void The_SLA_countdown_is_red_and_says_breached_once_the_due_time_passed()
    {
        var value = TestCases.Queued(1003);

        var running = Render<SlaCountdown>(p => p.Add(s => s.Case, value).Add(s => s.Now, TestCases.Opened.AddMinutes(45)));
        var breached = Render<SlaCountdown>(p => p.Add(s => s.Case, value).Add(s => s.Now, TestCases.Opened.AddMinutes(63)));

        Assert.Equal("15m 00s left", running.Find(".sla").TextContent);
        Assert.DoesNotContain("breached", running.Find(".sla").ClassName, StringComparison.Ordinal);
        Assert.Equal("breached 3m 00s ago", breached.Find(".sla").TextContent);
        Assert.Contains("breached", breached.Find(".sla").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void A_post_link_that_is_not_http_never_becomes_a_link()
    {
        var value = TestCases.Queued(1004);
        typeof(Case).GetProperty(nameof(Case.Origin))!.SetValue(value, new CaseOrigin(CaseOriginKind.PublicPost, "javascript:alert(1)", null, null));

        var panel = Render<CaseSidePanel>(p => p.Add(s => s.Case, value));

        Assert.Empty(panel.FindAll("a"));
    }

    [Fact]
    public void The_sentiment_chart_draws_one_dot_per_triage_low_for_angry_and_high_for_happy_with_signals_as_text()
    {
        var angry = new TriageSnapshot(TestCases.Opened, -0.9, "negative", ["complaint", "<b>x</b>"], CareBot.Dialogs.Model.Priority.High);
        var calmer = new TriageSnapshot(TestCases.Opened.AddMinutes(2), 0.6, "positive", [], CareBot.Dialogs.Model.Priority.Normal);

        var chart = Render<SentimentChart>(p => p.Add(c => c.Snapshots, [angry, calmer]));

        var dots = chart.FindAll("circle");
        Assert.Equal(2, dots.Count);
        Assert.True(double.Parse(dots[0].GetAttribute("cy")!, CultureInfo.InvariantCulture) > double.Parse(dots[1].GetAttribute("cy")!, CultureInfo.InvariantCulture));
        Assert.Contains("complaint, <b>x</b>", dots[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(chart.FindAll("b"));
        Assert.Equal("Sentiment over 2 messages: first -0.90 (negative), latest 0.60 (positive)", chart.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_side_panel_keeps_a_story_told_over_several_messages_one_message_a_line_as_text()
    {
        var story = new CapturedValue(CaptureType.Text, "charged twice\n<b>it was £64.20</b>");
        var value = TestCases.Queued(1007, captured: new Dictionary<string, CapturedValue> { ["story"] = story });

        var panel = Render<CaseSidePanel>(p => p.Add(s => s.Case, value));

        var item = panel.Find("dd.captured");
        Assert.Equal("story: charged twice\n<b>it was £64.20</b>", item.TextContent);
        Assert.Empty(panel.FindAll("dd b"));
    }

    [Fact]
    public void The_side_panel_links_the_customers_earlier_cases()
    {
        var value = TestCases.Queued(1005);
        var earlier = CaseSummary.Of(TestCases.Queued(1001, customerText: "<i>first time</i>"));

        var panel = Render<CaseSidePanel>(p => p.Add(s => s.Case, value).Add(s => s.EarlierCases, [earlier]));

        var item = panel.Find("ul.earlier-cases li");
        Assert.Equal("/agent/cases/C-1001", item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("<i>first time</i>", item.TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("i"));
    }

    [Fact]
    public void The_side_panel_shows_when_a_channels_reply_window_closes_and_nothing_where_there_is_none()
    {
        var value = TestCases.Queued(1005);
        var without = Render<CaseSidePanel>(p => p.Add(s => s.Case, value));
        value.ExtendReplyWindow(TestCases.Opened.AddHours(24));

        var with = Render<CaseSidePanel>(p => p.Add(s => s.Case, value));

        Assert.DoesNotContain("Reply window closes", without.Markup, StringComparison.Ordinal);
        Assert.Contains("Reply window closes", with.Markup, StringComparison.Ordinal);
        Assert.Contains("2026-11-03 09:00:00Z", with.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_side_panel_names_the_message_that_was_triaged_at_the_cases_priority()
    {
        var value = TestCases.Queued(1006);
        var calm = new TriageSnapshot(TestCases.Opened.AddMinutes(3), 0, "neutral", ["pii"], CareBot.Dialogs.Model.Priority.Normal);
        var burned = new TriageSnapshot(TestCases.Opened.AddMinutes(2), -0.8, "negative", ["complaint", "urgency"], CareBot.Dialogs.Model.Priority.Urgent);
        var normal = Render<CaseSidePanel>(p => p.Add(s => s.Case, value));
        value.RecordTriage(burned, new SlaTarget { FirstResponse = TimeSpan.FromMinutes(15), Resolution = TimeSpan.FromHours(4) });
        value.RecordTriage(calm, new SlaTarget { FirstResponse = TimeSpan.FromHours(4), Resolution = TimeSpan.FromDays(1) });

        var urgent = Render<CaseSidePanel>(p => p.Add(s => s.Case, value));

        Assert.Empty(normal.FindAll(".priority-message"));
        Assert.Equal("The customer's message of 2026-11-02 09:02:00Z was triaged urgent (complaint, urgency).", urgent.Find(".priority-message").TextContent);
    }

    [Fact]
    public void The_hand_off_s_reason_has_its_own_row_and_is_not_given_as_the_priority_s()
    {
        var value = TestCases.Queued(1007, priority: CareBot.Dialogs.Model.Priority.Urgent, reason: "care/handoff_safety; signals: pii; sentiment 0.00; language und");

        var panel = Render<CaseSidePanel>(p => p.Add(s => s.Case, value));

        var priority = panel.FindAll("dt").Single(dt => dt.TextContent == "Priority").NextElementSibling!;
        Assert.DoesNotContain("signals: pii", priority.TextContent, StringComparison.Ordinal);
        Assert.Equal("care/handoff_safety (on a message with signals: pii; sentiment 0.00; language und)", panel.Find(".handoff-reason").TextContent);
        Assert.Equal("Handed over at", panel.Find(".handoff-reason").PreviousElementSibling!.TextContent);
    }
}
