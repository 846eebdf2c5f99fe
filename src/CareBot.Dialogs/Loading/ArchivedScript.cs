namespace CareBot.Dialogs.Loading;

/// <summary>A script version as archived: enough to parse it again.</summary>
/// <param name="ScriptId">The dialog id.</param>
/// <param name="Version">The content hash.</param>
/// <param name="File">The file name it had (for messages).</param>
/// <param name="Source">The YAML source.</param>
public sealed record ArchivedScript(string ScriptId, string Version, string File, string Source);
