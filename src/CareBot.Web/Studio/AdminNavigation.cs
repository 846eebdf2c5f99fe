namespace CareBot.Web.Studio;

/// <summary>
/// The entries of the admin area's navigation bar, in order. A new admin page adds one line here (and its page under
/// <c>Components/Pages/Admin</c> with <c>@layout AdminLayout</c> and the admin role).
/// </summary>
public static class AdminNavigation
{
    public static IReadOnlyList<AdminNavigationEntry> Entries { get; } =
    [
        new("/admin", "Dialogs"),
        new("/admin/triage", "Triage cues"),
        new("/admin/audit", "Audit log"),
        new("/admin/report", "Report"),
        new("/admin/settings", "Settings"),
    ];
}
