namespace CareBot.Web.Studio;

/// <summary>A dialog in the studio's list: its live version and who put it live.</summary>
/// <param name="Id">The dialog id.</param>
/// <param name="Title">The script's title, if any.</param>
/// <param name="File">The file under the dialogs folder.</param>
/// <param name="Version">The live version (content hash).</param>
/// <param name="PublishedBy">The admin who published it from the studio; null when it came from the files.</param>
/// <param name="PublishedAt">When, for a studio publish.</param>
/// <param name="Note">The publish note, for a studio publish.</param>
public sealed record StudioDialog(string Id, string? Title, string File, string Version, string? PublishedBy, DateTimeOffset? PublishedAt, string? Note);
