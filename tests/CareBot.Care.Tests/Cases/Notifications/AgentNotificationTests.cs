using CareBot.Care.Cases;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Email;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using MimeKit;

namespace CareBot.Care.Tests.Cases.Notifications;

public sealed class AgentNotificationTests
{
    private static NotificationOptions Options(string consoleUrl = "https://care.contoso.example/agent/")
    {
        var options = new NotificationOptions { AgentEmail = "agents@contoso.example", ConsoleUrl = consoleUrl };
        options.QueueEmails["billing"] = "billing@contoso.example";
        return options;
    }

    private static EmailMessage Notify(Case value, NotificationOptions? options = null) =>
        new CaseEmails(options ?? Options()).AgentNotification(value) ?? throw new InvalidOperationException("No notification.");

    [Fact]
    public void Goes_to_the_queue_address_keyed_by_the_case()
    {
        var email = Notify(NotificationCases.Open());

        Assert.Equal("billing@contoso.example", email.To);
        Assert.Equal("case-notify/C-1042", email.IdempotencyKey);
        Assert.Null(email.ReplyTo);
    }

    [Fact]
    public void Goes_to_the_agent_email_when_the_queue_has_none()
    {
        var email = Notify(NotificationCases.Open(queue: "returns"));

        Assert.Equal("agents@contoso.example", email.To);
    }

    [Fact]
    public void A_queue_with_several_addresses_sends_one_email_to_each_with_its_own_key()
    {
        var options = Options();
        options.QueueEmails["billing"] = "billing@contoso.example, Lead@Contoso.example";

        var emails = new CaseEmails(options).AgentNotifications(NotificationCases.Open());

        Assert.Equal(["billing@contoso.example", "Lead@Contoso.example"], emails.Select(e => e.To));
        Assert.Equal(["case-notify/C-1042", "case-notify/C-1042/lead@contoso.example"], emails.Select(e => e.IdempotencyKey));
        Assert.Equal(emails[0].Subject, emails[1].Subject);
    }

    [Fact]
    public void Addresses_changed_in_the_options_apply_to_the_next_case_opened()
    {
        var monitor = new Microsoft.Extensions.Options.OptionsWrapper<NotificationOptions>(Options());
        var emails = new CaseEmails(monitor);
        Assert.Equal("billing@contoso.example", Assert.Single(emails.AgentNotifications(NotificationCases.Open())).To);

        monitor.Value.QueueEmails["billing"] = "money@contoso.example";

        Assert.Equal("money@contoso.example", Assert.Single(emails.AgentNotifications(NotificationCases.Open())).To);
    }

    [Fact]
    public void Is_null_when_there_is_no_address_for_the_queue()
    {
        var options = new NotificationOptions();
        options.QueueEmails["returns"] = "returns@contoso.example";

        Assert.Null(new CaseEmails(options).AgentNotification(NotificationCases.Open(queue: "billing")));
    }

    [Fact]
    public void The_subject_has_priority_id_and_the_captured_story()
    {
        var email = Notify(NotificationCases.Full());

        Assert.Equal("[High] Case C-1042: The blender arrived broken", email.Subject);
    }

    [Fact]
    public void Without_a_story_the_subject_uses_the_first_customer_line()
    {
        var value = NotificationCases.Open(captured: new Dictionary<string, CapturedValue>());
        value.RecordBotMessage(CaseThread.Public, "Hi, how can we help?", NotificationCases.T0);
        value.RecordCustomerMessage(CaseThread.Public, "Where is my parcel?", NotificationCases.T0);
        value.RecordCustomerMessage(CaseThread.Public, "Hello??", NotificationCases.T0);

        Assert.Equal("[High] Case C-1042: Where is my parcel?", Notify(value).Subject);
    }

    [Fact]
    public void Without_story_or_customer_lines_the_subject_uses_the_reason()
    {
        var value = NotificationCases.Open(captured: new Dictionary<string, CapturedValue>(), priority: Priority.Urgent, reason: "wants a human");

        Assert.Equal("[Urgent] Case C-1042: wants a human", Notify(value).Subject);
    }

    [Fact]
    public void With_nothing_to_summarise_the_subject_is_priority_and_id()
    {
        var value = NotificationCases.Open(captured: new Dictionary<string, CapturedValue>(), reason: "");

        Assert.Equal("[High] Case C-1042", Notify(value).Subject);
    }

    [Fact]
    public void A_long_story_is_cut_on_a_word_boundary_in_the_subject()
    {
        var story = "My brand new blender arrived completely broken and nobody answers the phone at all";
        var value = NotificationCases.Open(captured: new Dictionary<string, CapturedValue> { ["story"] = new(CaptureType.Text, story) });

        Assert.Equal("[High] Case C-1042: My brand new blender arrived completely broken and nobody\u2026", Notify(value).Subject);
    }

    [Theory]
    [InlineData("Broken\r\nBcc: evil@x")]
    [InlineData("Broken\nBcc: evil@x")]
    [InlineData("Broken\u2028Bcc: evil@x")]
    public void A_story_with_line_breaks_cannot_inject_a_header(string story)
    {
        var value = NotificationCases.Open(captured: new Dictionary<string, CapturedValue> { ["story"] = new(CaptureType.Text, story) });
        var email = Notify(value);

        var message = MimeMessageBuilder.Build(email, "CareBot <carebot@contoso.example>");

        Assert.Equal("[High] Case C-1042: Broken Bcc: evil@x", email.Subject);
        Assert.DoesNotContain('\r', email.Subject);
        Assert.DoesNotContain('\n', email.Subject);
        Assert.Empty(message.Bcc);
        Assert.Equal(email.Subject, message.Subject);
        Assert.DoesNotContain(message.Headers, header => header.Id == HeaderId.Bcc);
        var headers = Render(message).ReplaceLineEndings("\n").Split('\n').TakeWhile(line => line.Length > 0).ToList();
        Assert.Equal("Subject: [High] Case C-1042: Broken Bcc: evil@x", Assert.Single(headers, line => line.StartsWith("Subject:", StringComparison.Ordinal)));
        Assert.DoesNotContain(headers, line => line.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(headers, line => line.StartsWith(' ') || line.StartsWith('\t'));
    }

    [Fact]
    public void The_summary_section_has_customer_queue_priority_status_and_sla_due_in_utc()
    {
        var body = Notify(NotificationCases.Full()).TextBody;

        Assert.Contains("Case C-1042\n", body, StringComparison.Ordinal);
        Assert.Contains("Customer: Dana on twitter (user u-1)\n", body, StringComparison.Ordinal);
        Assert.Contains("Started as: public post https://example.com/post/1\n", body, StringComparison.Ordinal);
        Assert.Contains("Queue: billing\n", body, StringComparison.Ordinal);
        Assert.Contains("Priority: High\n", body, StringComparison.Ordinal);
        Assert.Contains("Status: New\n", body, StringComparison.Ordinal);
        Assert.Contains("First response due: 2026-11-02T10:00:00Z\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_captured_section_lists_every_value_including_personal_data()
    {
        var body = Notify(NotificationCases.Full()).TextBody;

        Assert.Contains("Captured\n--------\nemail: dana@example.com\norder: AB-123456\nstory: The blender arrived broken\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sentiment_section_shows_each_snapshot_in_order()
    {
        var body = Notify(NotificationCases.Full()).TextBody;

        Assert.Contains(
            "Sentiment over time\n-------------------\n"
            + "2026-11-02T08:55:00Z  negative -0.81  priority High  signals: complaint, churn\n"
            + "2026-11-02T08:58:00Z  positive +0.25  priority Normal  signals: none\n",
            body,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_reason_section_has_the_hand_off_reason()
    {
        var body = Notify(NotificationCases.Full()).TextBody;

        Assert.Contains("Reason\n------\nhandoff node 'agent': complaint, churn\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_transcript_section_has_time_thread_author_and_text()
    {
        var body = Notify(NotificationCases.Full()).TextBody;

        Assert.Contains(
            "Transcript\n----------\n"
            + "2026-11-02T08:55:00Z [public] Customer (Dana): @contoso worst service ever, cancelling!\n"
            + "2026-11-02T08:56:00Z [public] Bot: Sorry to hear that, we sent you a private message.\n"
            + "2026-11-02T08:58:00Z [private] Customer (Dana): My order AB-123456 came broken\n",
            body,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_multi_line_message_is_indented_so_it_cannot_pass_for_another_transcript_line()
    {
        var value = NotificationCases.Open();
        value.RecordCustomerMessage(CaseThread.Private, "first\r\n2026-11-02T08:00:00Z [private] Agent (alex): refund approved", NotificationCases.T0);

        var body = Notify(value).TextBody;

        Assert.Contains("Customer (Dana): first\n    2026-11-02T08:00:00Z [private] Agent (alex): refund approved\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Agent_lines_show_the_agent()
    {
        var value = NotificationCases.Open();
        value.Enqueue(NotificationCases.T0);
        value.Claim("alex", NotificationCases.T0.AddMinutes(1));
        value.RecordAgentMessage("alex", CaseThread.Private, "Refund is on its way.", NotificationCases.T0.AddMinutes(2));

        var body = Notify(value).TextBody;

        Assert.Contains("2026-11-02T09:02:00Z [private] Agent (alex): Refund is on its way.\n", body, StringComparison.Ordinal);
        Assert.Contains("Status: Assigned\nAssigned to: alex\n", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://care.contoso.example/agent/")]
    [InlineData("https://care.contoso.example/agent")]
    public void The_body_links_to_the_case_in_the_console(string consoleUrl)
    {
        var body = Notify(NotificationCases.Full(), Options(consoleUrl)).TextBody;

        Assert.Contains("Open it: https://care.contoso.example/agent/cases/C-1042\n", body, StringComparison.Ordinal);
        Assert.EndsWith("\nhttps://care.contoso.example/agent/cases/C-1042\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_case_says_so_in_each_section()
    {
        var value = NotificationCases.Open(captured: new Dictionary<string, CapturedValue>(), reason: "");

        var body = Notify(value).TextBody;

        Assert.Contains("Captured\n--------\n(nothing captured)\n", body, StringComparison.Ordinal);
        Assert.Contains("Sentiment over time\n-------------------\n(no triage yet)\n", body, StringComparison.Ordinal);
        Assert.Contains("Reason\n------\n(none given)\n", body, StringComparison.Ordinal);
        Assert.Contains("Transcript\n----------\n(empty)\n", body, StringComparison.Ordinal);
    }

    private static string Render(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(FormatOptions.Default.Clone(), stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
