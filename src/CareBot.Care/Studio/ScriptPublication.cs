namespace CareBot.Care.Studio;

/// <summary>
/// One version of a dialog script as it went live from the admin studio: who published it, when, why, and the whole
/// source (so history, diffs and roll-backs need nothing else).
/// </summary>
/// <param name="ScriptId">The dialog id.</param>
/// <param name="Version">The content hash the dialog engine gives the source (the script's version).</param>
/// <param name="File">The file name under the dialogs folder, e.g. <c>care.yaml</c>.</param>
/// <param name="Source">The YAML source, byte for byte.</param>
/// <param name="Author">The admin's user name.</param>
/// <param name="PublishedAt">When it went live.</param>
/// <param name="Note">The admin's note (why).</param>
/// <param name="Kind"><see cref="PublicationKinds.Publish"/> or <see cref="PublicationKinds.RollBack"/>.</param>
public sealed record ScriptPublication(
    string ScriptId,
    string Version,
    string File,
    string Source,
    string Author,
    DateTimeOffset PublishedAt,
    string Note,
    string Kind)
{
    /// <summary>The store's sequence number (0 before it is stored); higher is newer.</summary>
    public long Number { get; init; }
}
