using System.Text;
using CareBot.Care.Email;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Cases.Notifications;

/// <summary>
/// The content of every email CareBot sends about a case: pure functions from a case to an <see cref="EmailMessage"/>,
/// with no I/O, so the caller can put the result in the outbox in the same commit as the case.
/// </summary>
/// <remarks>
/// Agent emails are internal and carry everything (captured personal data, sentiment, signals, the transcript).
/// Customer emails carry none of it and never quote the customer's own text: the captured email address is not
/// verified, so whatever we put in them could be aimed at a stranger's inbox.
/// Subjects are built on one line (<see cref="HeaderText"/>), even though <see cref="MimeMessageBuilder"/> sanitises
/// them again, because the outbox stores and shows the <see cref="EmailMessage"/> as it is.
/// </remarks>
public sealed class CaseEmails
{
    private readonly Func<NotificationOptions> _current;

    public CaseEmails(NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _current = () => options;
    }

    /// <summary>Reads the options on every email, so queue addresses saved at /admin/settings apply at once.</summary>
    public CaseEmails(IOptions<NotificationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _current = () => options.Value;
    }

    private NotificationOptions Settings => _current();

    /// <summary>The idempotency key of a case's agent notification.</summary>
    public static string AgentNotificationKey(string caseId) => "case-notify/" + caseId;

    /// <summary>The idempotency key of a case's confirmation to the customer.</summary>
    public static string CustomerConfirmationKey(string caseId) => "case-confirm/" + caseId;

    /// <summary>The new case for the agents of its queue; null when neither the queue nor the default has an address.</summary>
    public EmailMessage? AgentNotification(Case value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var to = Settings.AgentAddressFor(value.Queue);
        if (to is null)
        {
            return null;
        }

        var summary = CaseEmailText.Summary(value);
        var subject = $"[{value.Priority}] Case {value.Id}" + (summary.Length > 0 ? ": " + summary : string.Empty);
        return new EmailMessage(AgentNotificationKey(value.Id), to, null, HeaderText.Sanitize(subject), AgentBody(value));
    }

    /// <summary>
    /// The new case for the agents of its queue, one email per address of the queue (else the default address); none
    /// when there is no address. The first keeps <see cref="AgentNotificationKey"/>; the others add their address.
    /// </summary>
    public IReadOnlyList<EmailMessage> AgentNotifications(Case value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var addresses = Settings.AgentAddressesFor(value.Queue);
        if (addresses.Count == 0)
        {
            return [];
        }

        var first = AgentNotification(value)!;
        return [.. addresses.Select((to, i) => i == 0 ? first with { To = to } : first with { IdempotencyKey = AgentNotificationKey(value.Id) + "/" + to.ToLowerInvariant(), To = to })];
    }

    /// <summary>Tells the customer we have their case, to the captured <c>email</c>; null when none was captured.</summary>
    public EmailMessage? CustomerConfirmation(Case value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.CapturedEmail is not { } address)
        {
            return null;
        }

        var body = new StringBuilder()
            .Append(Greeting(value)).Append("\n\n")
            .Append("Thank you for getting in touch with ").Append(Brand).Append(". We have received your message and opened case ")
            .Append(value.Id).Append(" for it.\n\n")
            .Append("A member of our care team will look into it and reply to you by email. If you want to add anything, ")
            .Append("just reply to this email and keep the case number ").Append(value.Id).Append(" in the subject.\n\n")
            .Append(SignOff());
        return CustomerEmail(value, CustomerConfirmationKey(value.Id), address, $"Your {Brand} case {value.Id}", body.ToString());
    }

    /// <summary>An agent's reply to the customer by email: the agent's text and a short signature.</summary>
    public EmailMessage AgentReply(Case value, string to, string agentName, string text, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentName);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        var body = new StringBuilder()
            .Append(text.ReplaceLineEndings("\n").Trim('\n')).Append("\n\n")
            // "-- " (with the space) is the signature separator mail clients recognise and fold away in replies.
            .Append("-- \n")
            .Append(HeaderText.Sanitize(agentName)).Append('\n')
            .Append(Brand).Append(" customer care\n")
            .Append("Case ").Append(value.Id).Append('\n');
        return CustomerEmail(value, idempotencyKey, to.Trim(), $"Re: Your {Brand} case {value.Id}", body.ToString());
    }

    /// <summary>Tells the customer the case is resolved and asks for a rating from 1 to 5 by reply.</summary>
    public EmailMessage ResolutionNotice(Case value, string to, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        var body = new StringBuilder()
            .Append(Greeting(value)).Append("\n\n")
            .Append("We have resolved your case ").Append(value.Id).Append(". Thank you for your patience while we looked into it.\n\n")
            .Append("How did we do? Please reply to this email with a number from 1 to 5 ")
            .Append("(1 = very unhappy, 5 = very happy). Your rating helps us get better.\n\n")
            .Append("If something is still not right, reply and tell us, and quote case ").Append(value.Id).Append(".\n\n")
            .Append(SignOff());
        return CustomerEmail(value, idempotencyKey, to.Trim(), $"Your {Brand} case {value.Id} is resolved", body.ToString());
    }

    /// <summary>
    /// Tells a console account that <paramref name="author"/> mentioned them in a note on the case: the note and the
    /// case's console link. The note is internal text for colleagues, never sent to the customer.
    /// </summary>
    public EmailMessage MentionNotice(Case value, string author, string to, string? toName, string note, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        var who = HeaderText.Sanitize(author);
        var body = new StringBuilder()
            .Append(who).Append(" mentioned you in a note on case ").Append(value.Id).Append(" (").Append(value.Queue).Append(", ")
            .Append(value.Priority).Append(", ").Append(value.Status).Append("):\n\n")
            .Append(note.ReplaceLineEndings("\n").Trim('\n')).Append("\n\n")
            .Append("Open it: ").Append(CaseEmailText.ConsoleLink(Settings.ConsoleUrl, value.Id)).Append('\n');
        return new EmailMessage(idempotencyKey, to.Trim(), HeaderText.Sanitize(toName) is { Length: > 0 } name ? name : null,
            HeaderText.Sanitize($"{who} mentioned you on case {value.Id}"), body.ToString());
    }

    private string Brand => HeaderText.Sanitize(Settings.BrandName) is { Length: > 0 } brand ? brand : "Customer care";

    private EmailMessage CustomerEmail(Case value, string key, string to, string subject, string body) =>
        new(key, to, CustomerName(value), HeaderText.Sanitize(subject), body,
            string.IsNullOrWhiteSpace(Settings.CustomerReplyTo) ? null : Settings.CustomerReplyTo.Trim());

    private string SignOff() => $"Kind regards,\nThe {Brand} care team\n";

    private static string Greeting(Case value) => CustomerName(value) is { } name ? $"Hi {name}," : "Hello,";

    /// <summary>The customer's display name on one line and short (it is channel input), or null.</summary>
    private static string? CustomerName(Case value) =>
        HeaderText.Sanitize(value.Customer.Name) is { Length: > 0 } name ? CaseEmailText.Shorten(name, 40) : null;

    private string AgentBody(Case value)
    {
        var body = new StringBuilder();
        body.Append("Case ").Append(value.Id).Append('\n');
        body.Append("Customer: ").Append(CustomerName(value) ?? "(no name)")
            .Append(" on ").Append(value.Customer.ChannelId).Append(" (user ").Append(value.Customer.UserId).Append(")\n");
        body.Append("Started as: ").Append(value.Origin.Kind == CaseOriginKind.PublicPost ? "public post" : "private chat");
        if (!string.IsNullOrWhiteSpace(value.Origin.PostLink))
        {
            body.Append(' ').Append(value.Origin.PostLink);
        }

        body.Append('\n');
        body.Append("Queue: ").Append(value.Queue).Append('\n');
        body.Append("Priority: ").Append(value.Priority).Append('\n');
        body.Append("Status: ").Append(value.Status).Append('\n');
        if (value.Assignee is not null)
        {
            body.Append("Assigned to: ").Append(value.Assignee).Append('\n');
        }

        body.Append("First response due: ").Append(CaseEmailText.Utc(value.FirstResponseDue)).Append('\n');
        body.Append("Open it: ").Append(CaseEmailText.ConsoleLink(Settings.ConsoleUrl, value.Id)).Append('\n');

        Section(body, "Captured");
        if (value.Captured.Count == 0)
        {
            body.Append("(nothing captured)\n");
        }

        foreach (var (name, captured) in value.Captured.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            body.Append(name).Append(": ").Append(CaseEmailText.Indented(captured.Text, "  ")).Append('\n');
        }

        Section(body, "Sentiment over time");
        if (value.Triage.Count == 0)
        {
            body.Append("(no triage yet)\n");
        }

        foreach (var snapshot in value.Triage)
        {
            body.Append(CaseEmailText.Utc(snapshot.At)).Append("  ").Append(snapshot.Label)
                .Append(' ').Append(CaseEmailText.Compound(snapshot.Compound))
                .Append("  priority ").Append(snapshot.Priority)
                .Append("  signals: ").Append(snapshot.Signals.Count == 0 ? "none" : string.Join(", ", snapshot.Signals))
                .Append('\n');
        }

        Section(body, "Reason");
        body.Append(string.IsNullOrWhiteSpace(value.Reason) ? "(none given)" : CaseEmailText.Indented(value.Reason, "  ")).Append('\n');

        Section(body, "Transcript");
        if (value.Transcript.Count == 0)
        {
            body.Append("(empty)\n");
        }

        foreach (var message in value.Transcript)
        {
            body.Append(CaseEmailText.Utc(message.At))
                .Append(message.Thread == CaseThread.Public ? " [public] " : " [private] ")
                .Append(AuthorOf(value, message)).Append(": ")
                .Append(CaseEmailText.Indented(message.Text, "    ")).Append('\n');
        }

        body.Append('\n').Append(CaseEmailText.ConsoleLink(Settings.ConsoleUrl, value.Id)).Append('\n');
        return body.ToString();
    }

    private static void Section(StringBuilder body, string title) => body.Append('\n').Append(title).Append('\n').Append('-', title.Length).Append('\n');

    private static string AuthorOf(Case value, CaseMessage message) => message.Author switch
    {
        CaseAuthor.Customer => CustomerName(value) is { } name ? $"Customer ({name})" : "Customer",
        CaseAuthor.Agent => message.Name is { } agent ? $"Agent ({HeaderText.Sanitize(agent)})" : "Agent",
        _ => "Bot",
    };
}
