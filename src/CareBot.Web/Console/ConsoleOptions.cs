namespace CareBot.Web.Console;

/// <summary>
/// Section <c>Console</c>. <see cref="CannedResponses"/>: the canned replies (none by default), until the admin studio
/// manages them.
/// </summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    public List<CannedResponse> CannedResponses { get; } = [];

    /// <summary>
    /// How often an instance renews, for the other instances on the same PostgreSQL, who views or types on which case
    /// (default 5 seconds, 1 second to 1 minute). A stopped instance's viewers disappear after three of these.
    /// </summary>
    public TimeSpan PresenceRenewal { get; set; } = CasePresence.DefaultRenewal;

    /// <summary>Why the section is not usable, or null when it is.</summary>
    public string? Problem()
    {
        for (var i = 0; i < CannedResponses.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(CannedResponses[i].Title) || string.IsNullOrWhiteSpace(CannedResponses[i].Text))
            {
                return $"Console:CannedResponses:{i} needs a Title and a Text, e.g. {{ \"Title\": \"Order delayed\", \"Text\": \"Hi {{customer.name}}, ...\" }}.";
            }
        }

        return null;
    }
}
