using CareBot.Dialogs.Loading;

namespace CareBot.Storage.Sql;

/// <summary>Argument checks shared by the script archives of both engines.</summary>
internal static class ScriptVersions
{
    public static void Validate(ArchivedScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentException.ThrowIfNullOrEmpty(script.ScriptId, nameof(script));
        ArgumentException.ThrowIfNullOrEmpty(script.Version, nameof(script));
        ArgumentNullException.ThrowIfNull(script.File, nameof(script));
        ArgumentNullException.ThrowIfNull(script.Source, nameof(script));
    }
}
