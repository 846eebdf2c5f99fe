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

    /// <summary>Queue name (any case, as configuration keys are) → the address of that queue's agents.</summary>
    public Dictionary<string, string> QueueEmails { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The agents' console; a case's link is <c>{ConsoleUrl}/cases/{id}</c>. Default <c>http://localhost:3978/agent</c>.</summary>
    public string ConsoleUrl { get; set; } = "http://localhost:3978/agent";

    /// <summary>The brand's care address, the Reply-To of every customer email. Default null (replies go to the sender).</summary>
    public string? CustomerReplyTo { get; set; }

    /// <summary>The brand customers know, in subjects and signatures. Default <c>Contoso</c>.</summary>
    public string BrandName { get; set; } = "Contoso";

    /// <summary>The queue's own address, else <see cref="AgentEmail"/>, else null (nobody to notify).</summary>
    public string? AgentAddressFor(string queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (QueueEmails.TryGetValue(queue, out var address) && !string.IsNullOrWhiteSpace(address))
        {
            return address.Trim();
        }

        return string.IsNullOrWhiteSpace(AgentEmail) ? null : AgentEmail.Trim();
    }
}
