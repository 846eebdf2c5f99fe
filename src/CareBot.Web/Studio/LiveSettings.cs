using System.Text.Json.Nodes;
using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Settings;
using CareBot.Care.Studio;
using CareBot.Web.Console;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CareBot.Web.Studio;

/// <summary>
/// Settings admins change without a restart (<c>/admin/settings</c>): a section is validated by its start-up validators,
/// saved (JSON, a version per save), audited, and applied through <see cref="LiveSettingsConfiguration"/>, where it wins
/// over appsettings.json. Other instances apply it on their next poll (<see cref="LiveSettingsOptions.PollInterval"/>).
/// </summary>
public sealed class LiveSettings(
    ILiveSettingsStore store,
    IStudioStore audit,
    LiveSettingsConfiguration configurationSource,
    CannedResponseCatalog cannedResponses,
    IConfiguration configuration,
    IServiceProvider services,
    TimeProvider time,
    ILogger<LiveSettings> logger)
{
    /// <summary>The largest section a save takes (characters of JSON).</summary>
    public const int MaxJsonLength = 64 * 1024;

    /// <summary>The sections that may be changed live, and what each overrides.</summary>
    public static IReadOnlyList<LiveSettingsSection> Sections { get; } =
    [
        LiveSettingsSection.For<CaseOptions>(CaseOptions.SectionName, "SLA targets", SlaSettingsCheck.Problems),
        LiveSettingsSection.For<CareBotOptions>(CareBotOptions.SectionName, "Brand"),
        LiveSettingsSection.For<BusinessHoursOptions>(
            BusinessHoursOptions.SectionName, "business hours", BusinessHoursSettingsCheck.Problems, [BusinessHoursOptions.SectionName + ":Holidays"]),
        LiveSettingsSection.For<NotificationOptions>(
            QueueEmailsSettingsCheck.SectionName, "queues", QueueEmailsSettingsCheck.Problems, [QueueEmailsSettingsCheck.SectionName]),
        LiveSettingsSection.ReadFromJson(CannedResponseSettings.SectionName, "canned responses", json => CannedResponseCatalog.Parse(json).Problems()),
    ];

    /// <summary>Every saved section (with its version, who saved it and when).</summary>
    public Task<IReadOnlyList<StoredSettings>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>
    /// Validates, saves, audits and applies one section's values; <paramref name="expectedVersion"/> is the version the
    /// admin saw (0: never saved), so a save made meanwhile by another admin is not overwritten.
    /// </summary>
    public async Task<LiveSettingsSaveResult> SaveAsync(string section, JsonObject values, long expectedVersion, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var known = Sections.FirstOrDefault(s => string.Equals(s.Name, section, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"'{section}' cannot be changed live; these can: {string.Join(", ", Sections.Select(s => s.Name))}.", nameof(section));
        var json = values.ToJsonString();
        if (json.Length > MaxJsonLength)
        {
            return new LiveSettingsSaveResult(null, [$"{known.Name}: the values are {json.Length} characters of JSON; at most {MaxJsonLength} are taken."]);
        }

        var problems = Validate(known, json);
        if (problems.Count > 0)
        {
            return new LiveSettingsSaveResult(null, problems);
        }

        var now = time.GetUtcNow();
        var version = await store.SaveAsync(known.Name, json, expectedVersion, actor, now, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return new LiveSettingsSaveResult(null, [$"Someone else saved the {known.Title} since you opened the page; reload it to see their values, then make your change again."]);
        }

        await audit.AddAuditAsync(
            new AuditEntry(now, actor, PublicationKinds.Settings, "settings:" + known.Name, $"{known.Title} (section {known.Name}) version {version}: {json}"),
            cancellationToken).ConfigureAwait(false);
        LiveSettingsLog.Saved(logger, known.Name, version.Value, actor);
        await ReloadAsync(cancellationToken).ConfigureAwait(false);
        return new LiveSettingsSaveResult(version, []);
    }

    /// <summary>Reads the saved sections and applies them when they changed; true when something new was applied.</summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        var saved = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        var savedSections = Sections.Where(k => k.IsConfiguration && saved.Any(s => string.Equals(k.Name, s.Section, StringComparison.OrdinalIgnoreCase))).ToList();
        var live = saved.Where(s => savedSections.Any(k => string.Equals(k.Name, s.Section, StringComparison.OrdinalIgnoreCase))).ToList();
        cannedResponses.Apply(saved.FirstOrDefault(s => string.Equals(s.Section, CannedResponseSettings.SectionName, StringComparison.OrdinalIgnoreCase))?.Json);
        if (!configurationSource.Apply(live, savedSections.SelectMany(k => k.ReplacedLists)))
        {
            return false;
        }

        var sections = string.Join(", ", live.Select(s => $"{s.Section} v{s.Version}"));
        LiveSettingsLog.Applied(logger, sections);

        return true;
    }

    private IReadOnlyList<string> Validate(LiveSettingsSection section, string json)
    {
        if (!section.IsConfiguration)
        {
            return section.ValidateJson(json);
        }

        IEnumerable<KeyValuePair<string, string?>> keys;
        try
        {
            keys = LiveSettingsConfiguration.Flatten(section.Name, json);
        }
        catch (FormatException exception)
        {
            return [$"{section.Name}: the values are not a JSON object ({exception.Message})."];
        }

        // The section as it would be: today's configuration with the candidate's keys on top.
        var candidate = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(keys).Build();
        try
        {
            return section.Validate(services, candidate);
        }
        finally
        {
            (candidate as IDisposable)?.Dispose();
        }
    }
}
