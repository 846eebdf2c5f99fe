using Bunit;
using CareBot.Care.Cases;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Delivery;
using CareBot.Care.Incidents;
using CareBot.Care.Stores;
using CareBot.Protocol.Schema;
using CareBot.Web.Components.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.FluentUI.AspNetCore.Components;
using Moq;
using IncidentsPage = CareBot.Web.Components.Pages.Incidents;

namespace CareBot.Web.Tests.Incidents;

/// <summary>The console's incident banner and page over a stubbed incident store: customer words stay text.</summary>
public sealed class IncidentComponentTests : BunitContext
{
    private const string Payload = "<img src=x onerror=alert(1)> checkout broken";
    private static readonly DateTimeOffset Seen = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly Mock<IIncidentStore> store = new();

    public IncidentComponentTests()
    {
        Services.AddFluentUIComponents();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(store.Object);
    }

    private void Stored(params Incident[] incidents)
    {
        store.Setup(s => s.ListAsync(It.IsAny<IncidentStatus?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IncidentStatus? status, int _, CancellationToken _) =>
                [.. incidents.Where(i => status is null || i.Status == status).Select(i => (i, 1L))]);
    }

    private static Incident Open(string id) => new Incident
    {
        Id = id,
        KeyWords = ["checkout", "payment"],
        FirstSeen = Seen,
        LastSeen = Seen,
    }.Attach(new IncidentMember("facebook", "wall-1", "user-1", new ConversationReference(), Seen), Payload);

    [Fact]
    public void The_banner_names_each_open_incident_and_links_to_the_incidents_page()
    {
        Stored(Open("I-1"), Open("I-2") with { Status = IncidentStatus.Resolved });

        var banner = Render<IncidentBanner>();

        var link = banner.Find("a");
        Assert.Equal("/agent/incidents", link.GetAttribute("href"));
        Assert.Contains("checkout payment (1 customers)", link.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(";", link.TextContent, StringComparison.Ordinal); // only the open one
    }

    [Fact]
    public void Without_open_incidents_there_is_no_banner()
    {
        Stored(Open("I-2") with { Status = IncidentStatus.Resolved });

        var banner = Render<IncidentBanner>();

        Assert.Empty(banner.FindAll("p"));
    }

    [Fact]
    public void The_incidents_page_lists_topic_count_and_example_posts_as_text_and_lets_an_admin_set_the_known_reply()
    {
        Stored(Open("I-1"));
        var auth = AddAuthorization();
        auth.SetAuthorized("sue");
        auth.SetRoles("admin");
        var options = new Mock<IOptionsMonitor<IncidentOptions>>();
        options.Setup(o => o.CurrentValue).Returns(new IncidentOptions());
        using var signal = new OutboxSignal();
        Services.AddSingleton(new IncidentService(
            store.Object, new IncidentDetector(Mock.Of<IIncidentObservationStore>(), options.Object), Mock.Of<ICareReportSource>(), Mock.Of<ICaseStore>(), Mock.Of<ICaseEventFeed>(),
            new CaseEmails(new NotificationOptions()), signal, options.Object,
            Options.Create(new NotificationOptions()), TimeProvider.System, NullLogger<IncidentService>.Instance));

        var page = Render<IncidentsPage>();

        Assert.Contains("checkout payment", page.Find("h2").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("li img"));
        Assert.Contains(page.FindAll("li"), li => li.TextContent == Payload);
        // Fluent UI buttons, with their role in the DOM.
        Assert.Contains(page.FindAll("fluent-button[role=button]"), b => b.TextContent.Trim() == "Set reply");
        Assert.Contains(page.FindAll("fluent-button[role=button]"), b => b.TextContent.Trim() == "Resolve incident");
    }
}
