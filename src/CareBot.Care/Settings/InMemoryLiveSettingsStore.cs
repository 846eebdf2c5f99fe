namespace CareBot.Care.Settings;

/// <summary>Live settings kept in memory, for tests and a host without storage.</summary>
public sealed class InMemoryLiveSettingsStore : ILiveSettingsStore
{
    private readonly Dictionary<string, StoredSettings> sections = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();

    public Task<IReadOnlyList<StoredSettings>> ListAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<StoredSettings>>([.. sections.Values]);
        }
    }

    public Task<long?> SaveAsync(string section, string json, long expectedVersion, string updatedBy, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(updatedBy);
        lock (gate)
        {
            var current = sections.TryGetValue(section, out var stored) ? stored.Version : 0;
            if (current != expectedVersion)
            {
                return Task.FromResult<long?>(null);
            }

            sections[section] = new StoredSettings(section, json, current + 1, updatedBy, updatedAt);
            return Task.FromResult<long?>(current + 1);
        }
    }
}
