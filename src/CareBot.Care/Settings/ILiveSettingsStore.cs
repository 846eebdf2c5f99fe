namespace CareBot.Care.Settings;

/// <summary>
/// The settings admins change without a restart: one JSON document per configuration section, with a version per save.
/// The storage project implements it on SQLite and PostgreSQL (table <c>live_settings</c>); <see cref="InMemoryLiveSettingsStore"/>
/// serves tests.
/// </summary>
public interface ILiveSettingsStore
{
    /// <summary>Every saved section.</summary>
    Task<IReadOnlyList<StoredSettings>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Saves a section if its stored version is still <paramref name="expectedVersion"/> (0: never saved); returns the new
    /// version, or null (and stores nothing) when someone saved it in between.
    /// </summary>
    Task<long?> SaveAsync(string section, string json, long expectedVersion, string updatedBy, DateTimeOffset updatedAt, CancellationToken cancellationToken);
}
