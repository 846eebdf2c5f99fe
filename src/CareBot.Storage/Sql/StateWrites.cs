using CareBot.Care.Stores;

namespace CareBot.Storage.Sql;

/// <summary>Argument checks shared by both state stores.</summary>
internal static class StateWrites
{
    public static void Validate(IReadOnlyCollection<StateWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            ArgumentNullException.ThrowIfNull(write, nameof(writes));
            ArgumentException.ThrowIfNullOrEmpty(write.Key, nameof(writes));
            if (!keys.Add(write.Key))
            {
                throw new ArgumentException($"State key '{write.Key}' appears twice in one write; merge the documents first.", nameof(writes));
            }
        }
    }
}
