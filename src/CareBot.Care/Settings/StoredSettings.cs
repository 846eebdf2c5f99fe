namespace CareBot.Care.Settings;

/// <summary>One section of the settings an admin changed without a restart, as saved.</summary>
/// <param name="Section">The configuration section it overrides, e.g. <c>Cases</c>.</param>
/// <param name="Json">The section's values as a JSON object, shaped as in appsettings.json.</param>
/// <param name="Version">1 for the first save of the section, one more for each save after.</param>
/// <param name="UpdatedBy">The admin who saved it.</param>
/// <param name="UpdatedAt">When.</param>
public sealed record StoredSettings(string Section, string Json, long Version, string UpdatedBy, DateTimeOffset UpdatedAt);
