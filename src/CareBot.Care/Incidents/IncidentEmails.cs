using System.Text;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Email;

namespace CareBot.Care.Incidents;

/// <summary>The email an incident update becomes for a customer whose public post continued by email (no private chat).</summary>
public static class IncidentEmails
{
    /// <summary>The update as an email to <paramref name="to"/>; the text is the agent's, as written.</summary>
    public static EmailMessage Update(NotificationOptions options, string to, string? name, string text, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        var brand = HeaderText.Sanitize(options.BrandName) is { Length: > 0 } sanitized ? sanitized : "Customer care";
        var body = new StringBuilder()
            .Append(HeaderText.Sanitize(name) is { Length: > 0 } customer ? $"Hi {customer}," : "Hello,").Append("\n\n")
            .Append("An update on the problem you told us about:\n\n")
            .Append(text.ReplaceLineEndings("\n").Trim('\n')).Append("\n\n")
            .Append("Kind regards,\nThe ").Append(brand).Append(" care team\n");
        return new EmailMessage(idempotencyKey, to.Trim(), name, $"An update from {brand}", body.ToString());
    }
}
