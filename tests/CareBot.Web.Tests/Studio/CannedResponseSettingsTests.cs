using System.Text.Json.Nodes;
using CareBot.Care.Settings;
using CareBot.Care.Studio;
using CareBot.Web.Console;

namespace CareBot.Web.Tests.Studio;

/// <summary>Canned responses saved live: the saved list replaces the configured one entirely; bad lists are refused by field.</summary>
public sealed class CannedResponseSettingsTests
{
    private static readonly Dictionary<string, string?> Configured = new()
    {
        ["Console:CannedResponses:0:Title"] = "Order delayed",
        ["Console:CannedResponses:0:Text"] = "Your order ships tomorrow.",
        ["Console:CannedResponses:1:Title"] = "Refund started",
        ["Console:CannedResponses:1:Text"] = "Your refund is on its way.",
        ["Console:CannedResponses:2:Title"] = "Goodbye",
        ["Console:CannedResponses:2:Text"] = "Have a nice day.",
    };

    [Fact]
    public async Task A_saved_list_replaces_the_configured_list_entirely_even_when_shorter()
    {
        using var host = new LiveSettingsHost(new InMemoryLiveSettingsStore(), appsettings: Configured);
        var catalog = host.Get<CannedResponseCatalog>();
        Assert.Equal(3, catalog.Current.Count);

        var result = await host.Settings.SaveAsync(CannedResponseSettings.SectionName, List(("Hello", "Hi {customer.name}, case {case.id}.")), 0, "sue", CancellationToken.None);

        Assert.True(result.Saved, string.Join("; ", result.Problems));
        var offered = Assert.Single(catalog.Current);
        Assert.Equal(("Hello", "Hi {customer.name}, case {case.id}."), (offered.Title, offered.Text));
    }

    [Fact]
    public async Task A_saved_empty_list_offers_no_canned_responses()
    {
        using var host = new LiveSettingsHost(new InMemoryLiveSettingsStore(), appsettings: Configured);

        var result = await host.Settings.SaveAsync(CannedResponseSettings.SectionName, List(), 0, "sue", CancellationToken.None);

        Assert.True(result.Saved, string.Join("; ", result.Problems));
        Assert.Empty(host.Get<CannedResponseCatalog>().Current);
    }

    [Fact]
    public async Task Another_instance_offers_the_saved_list_after_its_reload()
    {
        var store = new InMemoryLiveSettingsStore();
        using var saving = new LiveSettingsHost(store, appsettings: Configured);
        using var other = new LiveSettingsHost(store, appsettings: Configured);
        await saving.Settings.SaveAsync(CannedResponseSettings.SectionName, List(("Hello", "Hi.")), 0, "sue", CancellationToken.None);

        await other.Settings.ReloadAsync(CancellationToken.None);

        Assert.Equal("Hello", Assert.Single(other.Get<CannedResponseCatalog>().Current).Title);
    }

    [Fact]
    public async Task A_save_is_audited_as_a_settings_change()
    {
        var audit = new InMemoryStudioStore();
        using var host = new LiveSettingsHost(new InMemoryLiveSettingsStore(), audit);

        await host.Settings.SaveAsync(CannedResponseSettings.SectionName, List(("Hello", "Hi.")), 0, "sue", CancellationToken.None);

        var entry = Assert.Single(await audit.ListAuditAsync(10, CancellationToken.None));
        Assert.Equal(("sue", PublicationKinds.Settings, "settings:CannedResponses"), (entry.Actor, entry.Action, entry.Subject));
    }

    [Theory]
    [InlineData("", "Hi.", "CannedResponses:0:Title must be 1 to 60")]
    [InlineData("Hello", " ", "CannedResponses:0:Text must be 1 to 1000")]
    [InlineData("Hello", "Hi {customer.nmae}.", "CannedResponses:0:Text has the unknown placeholder {customer.nmae}")]
    public async Task An_invalid_response_is_refused_naming_its_field(string title, string text, string expected)
    {
        var store = new InMemoryLiveSettingsStore();
        using var host = new LiveSettingsHost(store, appsettings: Configured);

        var result = await host.Settings.SaveAsync(CannedResponseSettings.SectionName, List((title, text)), 0, "sue", CancellationToken.None);

        Assert.False(result.Saved);
        Assert.Contains(result.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
        Assert.Equal(3, host.Get<CannedResponseCatalog>().Current.Count);
    }

    [Fact]
    public void Long_titles_and_texts_duplicate_titles_and_too_many_responses_are_refused()
    {
        var settings = new CannedResponseSettings();
        settings.Items.Add(new CannedResponse { Title = new string('t', 61), Text = new string('x', 1001) });
        settings.Items.Add(new CannedResponse { Title = "Hello", Text = "Hi {captured.order}." });
        settings.Items.Add(new CannedResponse { Title = "hello", Text = "Hi." });
        for (var i = 0; i < 98; i++)
        {
            settings.Items.Add(new CannedResponse { Title = $"R{i}", Text = "Hi." });
        }

        var problems = settings.Problems();

        Assert.Contains(problems, p => p.StartsWith("CannedResponses: 101 responses; at most 100", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("CannedResponses:0:Title must be 1 to 60", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("CannedResponses:0:Text must be 1 to 1000", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("CannedResponses:2:Title 'hello' is used by another response", StringComparison.Ordinal));
        Assert.Equal(4, problems.Count);
    }

    private static JsonObject List(params (string Title, string Text)[] items)
    {
        var array = new JsonArray();
        foreach (var (title, text) in items)
        {
            array.Add(new JsonObject { ["Title"] = title, ["Text"] = text });
        }

        return new JsonObject { ["Items"] = array };
    }
}
