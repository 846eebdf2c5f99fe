namespace CareBot.Web.Studio;

/// <summary>What saving a settings section did.</summary>
/// <param name="Version">The section's new version; null when nothing was saved.</param>
/// <param name="Problems">Why nothing was saved: validation failures (each naming the key) or another admin's save.</param>
public sealed record LiveSettingsSaveResult(long? Version, IReadOnlyList<string> Problems)
{
    public bool Saved => Version is not null;
}
