namespace CareBot.Web.Console;

/// <summary>
/// The canned responses supervisors and admins save at <c>/agent/canned</c>: one live-settings section
/// (<see cref="SectionName"/>) that, once saved, replaces <c>Console:CannedResponses</c> entirely (see
/// <see cref="CannedResponseCatalog"/>).
/// </summary>
public sealed class CannedResponseSettings
{
    public const string SectionName = "CannedResponses";

    /// <summary>The most responses a save takes.</summary>
    public const int MaxItems = 100;

    /// <summary>The longest title (characters).</summary>
    public const int MaxTitleLength = 60;

    /// <summary>The longest text (characters).</summary>
    public const int MaxTextLength = 1000;

    /// <summary>The responses in the order the reply box offers them.</summary>
    public List<CannedResponse> Items { get; set; } = [];

    /// <summary>What is wrong with the list, each problem naming its field (e.g. <c>CannedResponses:2:Title</c>); none when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Items.Count > MaxItems)
        {
            problems.Add($"{SectionName}: {Items.Count} responses; at most {MaxItems} are kept.");
        }

        var titles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Items.Count; i++)
        {
            var field = $"{SectionName}:{i}";
            var title = Items[i].Title?.Trim() ?? string.Empty;
            var text = Items[i].Text ?? string.Empty;
            if (title.Length is 0 or > MaxTitleLength)
            {
                problems.Add($"{field}:Title must be 1 to {MaxTitleLength} characters (it is {title.Length}).");
            }
            else if (!titles.Add(title))
            {
                problems.Add($"{field}:Title '{title}' is used by another response; titles must be unique.");
            }

            if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength)
            {
                problems.Add($"{field}:Text must be 1 to {MaxTextLength} characters (it is {text.Trim().Length}).");
            }

            foreach (var unknown in CannedResponses.UnknownPlaceholders(text))
            {
                problems.Add($"{field}:Text has the unknown placeholder {{{unknown}}}; known: {CannedResponses.KnownPlaceholders}.");
            }
        }

        return problems;
    }
}
