using System.Text.RegularExpressions;
using CareBot.Care.Cases;

namespace CareBot.Web.Console;

/// <summary>
/// Picking and filling canned responses: <c>/</c> at the start of the reply box lists the responses whose title holds
/// what follows; the chosen text gets its placeholders filled from the case.
/// </summary>
/// <remarks>
/// Placeholders: <c>{customer.name}</c>, <c>{customer.id}</c>, <c>{case.id}</c>, <c>{case.queue}</c>,
/// <c>{case.priority}</c>, <c>{agent.name}</c> and <c>{captured.NAME}</c> for any value the bot captured. A placeholder
/// that is unknown or has no value for this case stays as written, so the agent sees it and fixes the text before sending.
/// </remarks>
public static partial class CannedResponses
{
    /// <summary>What the agent typed after a leading <c>/</c>, or null when the reply box does not start with one.</summary>
    public static string? Query(string? typed) =>
        typed is ['/', .. var rest] && !rest.Contains('\n', StringComparison.Ordinal) ? rest.Trim() : null;

    /// <summary>The responses whose title contains <paramref name="query"/>, ignoring case, in configured order.</summary>
    public static IReadOnlyList<CannedResponse> Matching(IEnumerable<CannedResponse> responses, string query)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(query);
        return responses.Where(r => r.Title.Contains(query, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The response's text with the placeholders this case has values for filled in; the others left visible.</summary>
    public static string Fill(string text, Case value, string agentName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(value);
        return Placeholder().Replace(text, match => ValueOf(match.Groups["name"].Value, value, agentName) ?? match.Value);
    }

    /// <summary>The placeholders a text may hold, as the settings page lists them.</summary>
    public const string KnownPlaceholders = "{customer.name}, {customer.id}, {case.id}, {case.queue}, {case.priority}, {agent.name}, {captured.NAME}";

    /// <summary>The placeholder names in <paramref name="text"/> that <see cref="Fill"/> would never fill, e.g. <c>customer.nmae</c>.</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Placeholder().Matches(text).Select(m => m.Groups["name"].Value).Where(name => !IsKnown(name)).Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool IsKnown(string name) =>
        name is "customer.name" or "customer.id" or "case.id" or "case.queue" or "case.priority" or "agent.name"
        || (name.StartsWith("captured.", StringComparison.Ordinal) && name.Length > "captured.".Length && name.IndexOf('.', "captured.".Length) < 0);

    private static string? ValueOf(string name, Case value, string agentName) => name switch
    {
        "customer.name" => value.Customer.Name,
        "customer.id" => value.Customer.UserId,
        "case.id" => value.Id,
        "case.queue" => value.Queue,
        "case.priority" => value.Priority.ToString(),
        "agent.name" => string.IsNullOrWhiteSpace(agentName) ? null : agentName,
        _ when name.StartsWith("captured.", StringComparison.Ordinal)
            && value.Captured.TryGetValue(name["captured.".Length..], out var captured)
            && !string.IsNullOrWhiteSpace(captured.Text) => captured.Text,
        _ => null,
    };

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
