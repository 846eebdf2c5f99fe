using Bunit;
using CareBot.Care.Analytics;
using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Conversations;
using CareBot.Care.Stores;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Web.Components.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.FluentUI.AspNetCore.Components;
using Moq;
using ReportPage = CareBot.Web.Components.Pages.Report;

namespace CareBot.Web.Tests.Report;

/// <summary>The report page and the case panel's quality score, rendered alone over a stubbed report source.</summary>
public sealed class ReportPageTests : BunitContext
{
    private const string Payload = "<img src=x onerror=alert(1)>";
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public ReportPageTests()
    {
        Services.AddFluentUIComponents();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void The_report_shows_the_figures_and_draws_its_charts_as_inline_svg_with_customer_words_as_text()
    {
        var chat = new CareConversationState
        {
            Dialog = new CareBot.Dialogs.Runtime.DialogState
            {
                ScriptId = "care",
                Versions = new Dictionary<string, string>(),
                Status = DialogStatus.Ended,
                Captured = new Dictionary<string, CapturedValue> { ["topic"] = new(CaptureType.Text, Payload) },
            },
            Lines = [new CaseMessage(Now.AddDays(-1), CaseThread.Private, CaseAuthor.Customer, null, "late again")],
            Triage = [new TriageSnapshot(Now.AddDays(-1), -0.6, "negative", ["complaint"], Priority.Normal)],
        };
        var source = new Mock<ICareReportSource>();
        source.Setup(s => s.ListConversationStatesAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new StateRecord(CareConversationState.KeyOf("webchat", "chat-1"), chat.ToJson(), "e1")]);
        source.Setup(s => s.ListCasesChangedSinceAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var clock = new FakeTimeProvider(Now);
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddSingleton(new CareReportService(source.Object, clock));

        var page = Render<ReportPage>();

        Assert.Contains("Private conversations", page.Markup, StringComparison.Ordinal);
        Assert.Contains("100 % (1 of 1)", page.Find("dl.report-figures").TextContent, StringComparison.Ordinal); // contained
        var charts = page.FindAll("svg[role=img]");
        Assert.NotEmpty(charts);
        Assert.All(charts, chart => Assert.False(string.IsNullOrEmpty(chart.GetAttribute("aria-label"))));
        Assert.Empty(page.FindAll("img"));
        Assert.Contains(page.FindAll("svg text"), text => text.TextContent.StartsWith("<img", StringComparison.Ordinal));
    }

    [Fact]
    public void A_range_longer_than_the_limit_is_refused_with_a_message_instead_of_a_report()
    {
        var source = new Mock<ICareReportSource>(MockBehavior.Strict);
        var clock = new FakeTimeProvider(Now);
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddSingleton(new CareReportService(source.Object, clock));
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/admin/report?from=2026-01-01&to=2026-12-01");

        var page = Render<ReportPage>();

        Assert.Contains("Choose a range", page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("svg"));
    }

    [Fact]
    public void The_case_panel_shows_the_quality_score_it_is_given()
    {
        var value = TestCases.Queued(1010);

        var panel = Render<CaseSidePanel>(p => p.Add(s => s.Case, value).Add(s => s.QualityScore, 55));

        Assert.Contains("Quality score", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("55 / 100", panel.Markup, StringComparison.Ordinal);
    }
}
