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

    private static JsonObject Hours(string timeZone, string days, string from, string to, params (string Date, string Name)[] holidays)
    {
        var dates = new JsonObject();
        foreach (var (date, name) in holidays)
        {
            dates[date] = name;
        }

        return new JsonObject { ["TimeZone"] = timeZone, ["Days"] = days, ["From"] = from, ["To"] = to, ["Holidays"] = dates };
    }

    [Fact]
    public async Task Saved_business_hours_and_holidays_are_the_schedule_the_next_turn_gets_without_a_restart()
    {
        using var host = new LiveSettingsHost(new InMemoryLiveSettingsStore());
        var options = host.Get<IOptions<CareBotOptions>>();
        Assert.Null(options.Value.BusinessHours);
        var monday = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

        var result = await host.Settings.SaveAsync("CareBot:BusinessHours", Hours("Europe/Berlin", "mon,tue", "08:00", "12:00", ("2026-11-24", "Founders' Day")), 0, "ada", CancellationToken.None);

        Assert.True(result.Saved, string.Join("; ", result.Problems));
        var schedule = options.Value.BusinessHours?.ToSchedule();
        Assert.NotNull(schedule);
        Assert.True(schedule.IsOpen(monday));                          // 11:00 in Berlin
        Assert.False(schedule.IsOpen(monday.AddHours(2)));             // 13:00 in Berlin
        Assert.False(schedule.IsOpen(monday.AddDays(1)));              // the holiday
        Assert.Equal("Founders' Day", schedule.Holidays[new DateOnly(2026, 11, 24)]);

        // A later save with fewer holidays replaces the set: the removed day is open again.
        Assert.True((await host.Settings.SaveAsync("CareBot:BusinessHours", Hours("Europe/Berlin", "mon,tue", "08:00", "12:00"), 1, "ada", CancellationToken.None)).Saved);
        Assert.True(options.Value.BusinessHours!.ToSchedule()!.IsOpen(monday.AddDays(1)));
    }

    [Theory]
    [InlineData("Mars/Olympus", "mon", "09:00", "17:00", "2026-12-25", "CareBot:BusinessHours:TimeZone")]
    [InlineData("UTC", "monday", "09:00", "17:00", "2026-12-25", "CareBot:BusinessHours:Days")]
    [InlineData("UTC", "mon", "9 am", "17:00", "2026-12-25", "CareBot:BusinessHours:From")]
    [InlineData("UTC", "mon", "17:00", "09:00", "2026-12-25", "CareBot:BusinessHours:To")]
    [InlineData("UTC", "mon", "09:00", "17:00", "25/12/2026", "CareBot:BusinessHours:Holidays:25/12/2026")]
    public async Task Business_hours_that_cannot_be_read_are_refused_with_the_key_named(string zone, string days, string from, string to, string holiday, string key)
    {
        var store = new InMemoryLiveSettingsStore();
        using var host = new LiveSettingsHost(store);

        var result = await host.Settings.SaveAsync("CareBot:BusinessHours", Hours(zone, days, from, to, (holiday, "Christmas Day")), 0, "ada", CancellationToken.None);

        Assert.False(result.Saved);
        Assert.Contains(result.Problems, p => p.StartsWith(key + ":", StringComparison.Ordinal));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
        Assert.Null(host.Get<IOptions<CareBotOptions>>().Value.BusinessHours);
    }

    [Fact]
    public async Task A_queue_and_a_holiday_from_appsettings_that_the_admin_leaves_out_of_a_save_are_gone_and_the_rest_stays()
    {
        using var host = new LiveSettingsHost(new InMemoryLiveSettingsStore(), appsettings: new Dictionary<string, string?>
        {
            ["Notifications:AgentEmail"] = "care@contoso.example",
            ["Notifications:QueueEmails:billing"] = "money@contoso.example",
            ["Notifications:QueueEmails:returns"] = "returns@contoso.example",
            ["CareBot:BusinessHours:TimeZone"] = "UTC",
            ["CareBot:BusinessHours:Holidays:2026-12-25"] = "Christmas Day",
        });
        var notifications = host.Get<IOptions<CareBot.Care.Cases.Notifications.NotificationOptions>>();
        var brand = host.Get<IOptions<CareBotOptions>>();
        Assert.Equal(["returns@contoso.example"], notifications.Value.AgentAddressesFor("returns"));

        var queues = await host.Settings.SaveAsync("Notifications:QueueEmails", new JsonObject { ["billing"] = "lead@contoso.example" }, 0, "ada", CancellationToken.None);
        var hours = await host.Settings.SaveAsync("CareBot:BusinessHours", Hours("UTC", "mon,tue,wed,thu,fri", "08:00", "18:00", ("2026-12-24", "Christmas Eve")), 0, "ada", CancellationToken.None);

        Assert.True(queues.Saved && hours.Saved, string.Join("; ", queues.Problems.Concat(hours.Problems)));
        Assert.Equal(["billing"], notifications.Value.QueueEmails.Keys);
        Assert.Equal(["care@contoso.example"], notifications.Value.AgentAddressesFor("returns")); // the general address again
        Assert.Equal(["lead@contoso.example"], notifications.Value.AgentAddressesFor("billing"));
        Assert.Equal(["2026-12-24"], brand.Value.BusinessHours!.Holidays.Keys);
    }

    [Fact]
    public async Task Saved_queue_addresses_are_what_the_case_opened_email_uses_next_and_the_save_is_audited()
    {
        var audit = new InMemoryStudioStore();
        using var host = new LiveSettingsHost(new InMemoryLiveSettingsStore(), audit);
        var options = host.Get<IOptions<CareBot.Care.Cases.Notifications.NotificationOptions>>();
        Assert.Empty(options.Value.AgentAddressesFor("billing"));

        var result = await host.Settings.SaveAsync("Notifications:QueueEmails", new JsonObject { ["billing"] = "money@contoso.example, lead@contoso.example" }, 0, "ada", CancellationToken.None);

        Assert.True(result.Saved, string.Join("; ", result.Problems));
        Assert.Equal(["money@contoso.example", "lead@contoso.example"], options.Value.AgentAddressesFor("billing"));
        Assert.Equal("settings:Notifications:QueueEmails", Assert.Single(await audit.ListAuditAsync(10, CancellationToken.None)).Subject);
    }

    [Theory]
    [InlineData("billing", "money@contoso", "Notifications:QueueEmails:billing")]
    [InlineData("billing", "money@contoso.example; x@y.example", "Notifications:QueueEmails:billing")]
    [InlineData("billing", "", "Notifications:QueueEmails:billing")]
    [InlineData("two words", "money@contoso.example", "Notifications:QueueEmails:two words")]
    public async Task Queue_addresses_that_are_not_addresses_and_bad_queue_names_are_refused_with_the_key_named(string queue, string addresses, string key)
    {
        var store = new InMemoryLiveSettingsStore();
        using var host = new LiveSettingsHost(store);

        var result = await host.Settings.SaveAsync("Notifications:QueueEmails", new JsonObject { [queue] = addresses }, 0, "ada", CancellationToken.None);

        Assert.False(result.Saved);
        Assert.Contains(result.Problems, p => p.StartsWith(key + ":", StringComparison.Ordinal));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
    }
}
