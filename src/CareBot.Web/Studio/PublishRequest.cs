namespace CareBot.Web.Studio;

/// <summary>An admin asks to publish a draft.</summary>
/// <param name="ScriptId">The dialog.</param>
/// <param name="Source">The draft.</param>
/// <param name="BaseVersion">The live version the draft was made on.</param>
/// <param name="Author">The admin's user name.</param>
/// <param name="Note">Why (required).</param>
/// <param name="Overwrite">Publish even though the live version is newer than <paramref name="BaseVersion"/>.</param>
public sealed record PublishRequest(string ScriptId, string Source, string BaseVersion, string Author, string Note, bool Overwrite = false);
