using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime;

/// <summary>Where the runtime finds scripts: the current versions, and any version a conversation pinned.</summary>
public interface IScriptResolver
{
    /// <summary>The current (live) version of every dialog, by id.</summary>
    IReadOnlyDictionary<string, string> CurrentVersions { get; }

    /// <summary>Finds a dialog at a version, or null when it is not known (not loaded, or not archived).</summary>
    DialogScript? Find(string id, string version);
}
