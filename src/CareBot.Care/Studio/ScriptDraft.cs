namespace CareBot.Care.Studio;

/// <summary>An admin's unpublished edit of one dialog (one draft per admin and dialog).</summary>
/// <param name="ScriptId">The dialog id (or the triage cue file's id).</param>
/// <param name="Author">The admin's user name.</param>
/// <param name="BaseVersion">The live version the draft started from; publishing over a newer one needs an explicit overwrite.</param>
/// <param name="Source">The edited YAML.</param>
/// <param name="UpdatedAt">When it was last saved.</param>
public sealed record ScriptDraft(string ScriptId, string Author, string BaseVersion, string Source, DateTimeOffset UpdatedAt);
