namespace CareBot.Web.Studio;

/// <summary>Section <c>LiveSettings</c>: how other instances pick up settings saved at <c>/admin/settings</c>.</summary>
public sealed class LiveSettingsOptions
{
    public const string SectionName = "LiveSettings";

    /// <summary>
    /// How often each instance reads the saved settings to apply another instance's save. Default 00:00:05. The instance
    /// where an admin saves applies it at once.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
