namespace CareBot.Care.Cases.Notifications;

/// <summary>
/// Section <c>Notifications</c>: where agents' case notifications go and what customer emails say about the brand.
/// </summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>
    /// The address agents' notifications go to when <see cref="QueueEmails"/> has none for the case's queue. Default null:
    /// such cases send no notification.
    /// </summary>
    public string? AgentEmail { get; set; }

    /// <summary>
    /// Queue name (any case, as configuration keys are) → the address of that queue's agents; several addresses are
    /// separated by commas and each gets its own case-opened email. Admins change them at <c>/admin/settings</c>.
    /// </summary>
    public Dictionary<string, string> QueueEmails { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The agents' console; a case's link is <c>{ConsoleUrl}/cases/{id}</c>. Default <c>http://localhost:3978/agent</c>.</summary>
    public string ConsoleUrl { get; set; } = "http://localhost:3978/agent";

    /// <summary>The brand's care address, the Reply-To of every customer email. Default null (replies go to the sender).</summary>
    public string? CustomerReplyTo { get; set; }

    /// <summary>The brand customers know, in subjects and signatures. Default <c>Contoso</c>.</summary>
    public string BrandName { get; set; } = "Contoso";

    /// <summary>The queue's own addresses, else <see cref="AgentEmail"/>, else none (nobody to notify).</summary>
    public IReadOnlyList<string> AgentAddressesFor(string queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (QueueEmails.TryGetValue(queue, out var addresses) && SplitAddresses(addresses) is { Count: > 0 } list)
        {
            return list;
        }

        return string.IsNullOrWhiteSpace(AgentEmail) ? [] : [AgentEmail.Trim()];
    }

    /// <summary>What is wrong with <see cref="QueueEmails"/>, each naming its key, or nothing.</summary>
    public IReadOnlyList<string> QueueEmailProblems()
    {
        var problems = new List<string>();
        foreach (var (queue, addresses) in QueueEmails)
        {
            var key = $"{SectionName}:QueueEmails:{queue}";
            if (queue.Length is 0 or > 50 || !queue.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                problems.Add($"{key}: a queue name is 1-50 letters, digits, '-', '_' or '.', as the dialogs' handoff: names it.");
            }

            var list = SplitAddresses(addresses);
            if (list.Count is 0 or > 20)
            {
                problems.Add($"{key}: give 1-20 email addresses, separated by commas.");
            }

            foreach (var address in list)
            {
                if (!IsOneAddress(address))
                {
                    problems.Add($"{key}: '{address}' is not one email address; use name@example.com.");
                }
            }
        }

        return problems;
    }

    /// <summary>The comma-separated addresses of a queue, trimmed, without empty entries.</summary>
    public static IReadOnlyList<string> SplitAddresses(string? addresses) =>
        (addresses ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsOneAddress(string address) =>
        !address.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or '"' or ';')
        && System.Net.Mail.MailAddress.TryCreate(address, out var parsed)
        && string.Equals(parsed.Address, address, StringComparison.Ordinal)
        && parsed.Host.Contains('.', StringComparison.Ordinal);

    /// <summary>The queue's first address, else <see cref="AgentEmail"/>, else null (nobody to notify).</summary>
    public string? AgentAddressFor(string queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var addresses = AgentAddressesFor(queue);
        return addresses.Count == 0 ? null : addresses[0];
    }
}
