using System.Text.Json.Nodes;
using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Settings;
using CareBot.Care.Studio;
using CareBot.Dialogs.Model;
using Microsoft.Extensions.Options;

namespace CareBot.Web.Tests.Studio;

/// <summary>Settings without a restart: validated like at start-up, saved with a version, audited, applied live.</summary>
public sealed class LiveSettingsTests
{
    private static JsonObject Sla(string priority, string firstResponse, string resolution) =>
        new() { ["Sla"] = new JsonObject { [priority] = new JsonObject { ["FirstResponse"] = firstResponse, ["Resolution"] = resolution } } };

    [Fact]
    public async Task A_saved_SLA_target_is_what_the_cases_options_answer_next_without_a_restart()
    {
        using var host = new LiveSettingsHost(new InMemoryLiveSettingsStore());
        var options = host.Get<IOptions<CaseOptions>>();
        Assert.Equal(TimeSpan.FromHours(1), options.Value.TargetFor(Priority.High).FirstResponse);

        var result = await host.Settings.SaveAsync("Cases", Sla("High", "00:10:00", "02:00:00"), 0, "ada", CancellationToken.None);

        Assert.True(result.Saved, string.Join("; ", result.Problems));
        Assert.Equal(1, result.Version);
        Assert.Equal(TimeSpan.FromMinutes(10), options.Value.TargetFor(Priority.High).FirstResponse);
        Assert.Equal(TimeSpan.FromHours(2), options.Value.TargetFor(Priority.High).Resolution);
    }

    [Fact]
    public async Task A_value_that_is_not_a_duration_is_refused_with_the_key_named()
    {
        var store = new InMemoryLiveSettingsStore();
        using var host = new LiveSettingsHost(store);

        var result = await host.Settings.SaveAsync("Cases", Sla("High", "ten minutes", "02:00:00"), 0, "ada", CancellationToken.None);

        Assert.False(result.Saved);
        Assert.Contains(result.Problems, p => p.Contains("Cases:Sla:High:FirstResponse", StringComparison.Ordinal));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
        Assert.Equal(TimeSpan.FromHours(1), host.Get<IOptions<CaseOptions>>().Value.TargetFor(Priority.High).FirstResponse);
    }

    [Fact]
    public async Task A_target_the_start_up_validation_refuses_is_refused_with_its_message()
    {
        var store = new InMemoryLiveSettingsStore();
        using var host = new LiveSettingsHost(store);

        var result = await host.Settings.SaveAsync("Cases", Sla("Urgent", "05:00:00", "01:00:00"), 0, "ada", CancellationToken.None);

        Assert.False(result.Saved);
        Assert.Contains(result.Problems, p => p.StartsWith("Cases:Sla:", StringComparison.Ordinal) && p.Contains("FirstResponse", StringComparison.Ordinal));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_save_is_written_to_the_audit_log_with_who_and_what()
    {
        var audit = new InMemoryStudioStore();
        using var host = new LiveSettingsHost(new InMemoryLiveSettingsStore(), audit);

        await host.Settings.SaveAsync("Cases", Sla("High", "00:10:00", "02:00:00"), 0, "ada", CancellationToken.None);

        var entry = Assert.Single(await audit.ListAuditAsync(10, CancellationToken.None));
        Assert.Equal(("ada", PublicationKinds.Settings, "settings:Cases"), (entry.Actor, entry.Action, entry.Subject));
        Assert.Contains("00:10:00", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("version 1", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_based_on_an_older_version_is_refused_and_keeps_the_other_admins_values()
    {
        using var host = new LiveSettingsHost(new InMemoryLiveSettingsStore());
        Assert.True((await host.Settings.SaveAsync("Cases", Sla("High", "00:10:00", "02:00:00"), 0, "ben", CancellationToken.None)).Saved);

        var late = await host.Settings.SaveAsync("Cases", Sla("High", "00:20:00", "02:00:00"), 0, "ada", CancellationToken.None);

        Assert.False(late.Saved);
        Assert.Contains(late.Problems, p => p.Contains("Someone else saved", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromMinutes(10), host.Get<IOptions<CaseOptions>>().Value.TargetFor(Priority.High).FirstResponse);
    }

    [Fact]
    public async Task Another_instance_on_the_same_store_applies_the_save_when_it_polls()
    {
        var store = new InMemoryLiveSettingsStore();
        using var first = new LiveSettingsHost(store);
        using var second = new LiveSettingsHost(store);
        await first.Settings.SaveAsync("Cases", Sla("High", "00:10:00", "02:00:00"), 0, "ada", CancellationToken.None);
        var options = second.Get<IOptions<CaseOptions>>();
        Assert.Equal(TimeSpan.FromHours(1), options.Value.TargetFor(Priority.High).FirstResponse);

        Assert.True(await second.Settings.ReloadAsync(CancellationToken.None));

        Assert.Equal(TimeSpan.FromMinutes(10), options.Value.TargetFor(Priority.High).FirstResponse);
        Assert.False(await second.Settings.ReloadAsync(CancellationToken.None)); // nothing new: no reload
    }

    [Fact]
    public async Task A_saved_brand_name_wins_over_the_configured_one()
    {
        using var host = new LiveSettingsHost(new InMemoryLiveSettingsStore(), appsettings: new Dictionary<string, string?> { ["CareBot:BrandName"] = "Contoso" });

        await host.Settings.SaveAsync("CareBot", new JsonObject { ["BrandName"] = "Fabrikam" }, 0, "ada", CancellationToken.None);

        Assert.Equal("Fabrikam", host.Get<IOptions<CareBotOptions>>().Value.BrandName);
    }

    [Fact]
    public async Task A_section_that_cannot_change_live_is_refused()
    {
        using var host = new LiveSettingsHost(new InMemoryLiveSettingsStore());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Settings.SaveAsync("Storage", new JsonObject(), 0, "ada", CancellationToken.None));

        Assert.Contains("Cases", error.Message, StringComparison.Ordinal);
    }
}
