using CareBot.Care.Cases;
using CareBot.Care.Cases.Notifications;
using CareBot.Care.Email;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;

namespace CareBot.Care.Tests.Cases.Notifications;

public sealed class CustomerEmailTests
{
    private static readonly CaseEmails Emails = new(new NotificationOptions
    {
        BrandName = "Fabrikam",
        CustomerReplyTo = "care@fabrikam.example",
        AgentEmail = "agents@fabrikam.example",
    });

    [Fact]
    public void The_confirmation_goes_to_the_captured_email_with_the_brand_reply_to()
    {
        var email = Confirm(NotificationCases.Full());

        Assert.Equal("dana@example.com", email.To);
        Assert.Equal("Dana", email.ToName);
        Assert.Equal("case-confirm/C-1042", email.IdempotencyKey);
        Assert.Equal("Your Fabrikam case C-1042", email.Subject);
        Assert.Equal("care@fabrikam.example", email.ReplyTo);
    }

    [Fact]
    public void There_is_no_confirmation_without_a_captured_email()
    {
        var value = NotificationCases.Open(captured: new Dictionary<string, CapturedValue> { ["story"] = new(CaptureType.Text, "broken") });

        Assert.Null(Emails.CustomerConfirmation(value));
    }

    [Fact]
    public void The_confirmation_says_we_got_it_a_person_replies_by_email_and_quotes_the_id()
    {
        var body = Confirm(NotificationCases.Full()).TextBody;

        Assert.StartsWith("Hi Dana,\n\n", body, StringComparison.Ordinal);
        Assert.Contains("We have received your message and opened case C-1042", body, StringComparison.Ordinal);
        Assert.Contains("care team will look into it and reply to you by email", body, StringComparison.Ordinal);
        Assert.EndsWith("Kind regards,\nThe Fabrikam care team\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_customer_without_a_name_is_greeted_plainly()
    {
        var email = Confirm(NotificationCases.Open(customerName: null));

        Assert.StartsWith("Hello,\n\n", email.TextBody, StringComparison.Ordinal);
        Assert.Null(email.ToName);
    }

    [Fact]
    public void Without_a_configured_reply_to_customer_emails_have_none()
    {
        var email = new CaseEmails(new NotificationOptions()).CustomerConfirmation(NotificationCases.Open());

        Assert.NotNull(email);
        Assert.Null(email.ReplyTo);
        Assert.Equal("Your Contoso case C-1042", email.Subject);
    }

    [Fact]
    public void Customer_emails_carry_no_internal_data()
    {
        var value = NotificationCases.Full();
        var emails = new[]
        {
            Confirm(value),
            Emails.AgentReply(value, "dana@example.com", "Alex", "We are sending a new blender.", "agent-reply/C-1042/1"),
            Emails.ResolutionNotice(value, "dana@example.com", "case-resolved/C-1042"),
        };

        foreach (var email in emails)
        {
            var text = email.Subject + "\n" + email.TextBody;
            foreach (var secret in new[]
            {
                "negative", "positive", "-0.81", "+0.25", "complaint", "churn", "signals", "sentiment", "priority", "High",
                "VIP", "refund without asking", "handoff node", "billing", "u-1", "agents@fabrikam.example", "/cases/",
                "AB-123456", "blender arrived broken", "worst service",
            })
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void A_customer_name_with_line_breaks_is_flattened_and_short()
    {
        var value = NotificationCases.Open(customerName: "Dana\r\nBcc: evil@x and a very long display name that goes on and on");

        var email = Confirm(value);
        var message = MimeMessageBuilder.Build(email, "Fabrikam <care@fabrikam.example>");

        Assert.Equal("Dana Bcc: evil@x and a very long display\u2026", email.ToName);
        Assert.StartsWith("Hi Dana Bcc: evil@x and a very long display\u2026,\n", email.TextBody, StringComparison.Ordinal);
        Assert.Empty(message.Bcc);
    }

    [Fact]
    public void A_brand_name_with_line_breaks_keeps_the_subject_on_one_line()
    {
        var emails = new CaseEmails(new NotificationOptions { BrandName = "Fabrikam\r\nBcc: evil@x" });

        var email = emails.CustomerConfirmation(NotificationCases.Open());

        Assert.NotNull(email);
        Assert.Equal("Your Fabrikam Bcc: evil@x case C-1042", email.Subject);
        Assert.Empty(MimeMessageBuilder.Build(email, "care@fabrikam.example").Bcc);
    }

    [Fact]
    public void An_agent_reply_is_the_agents_text_and_a_signature()
    {
        var email = Emails.AgentReply(NotificationCases.Full(), "dana@example.com", "Alex", "Hi Dana,\r\n\r\nA new blender is on its way.\r\n", "agent-reply/C-1042/1");

        Assert.Equal("agent-reply/C-1042/1", email.IdempotencyKey);
        Assert.Equal("dana@example.com", email.To);
        Assert.Equal("Re: Your Fabrikam case C-1042", email.Subject);
        Assert.Equal("care@fabrikam.example", email.ReplyTo);
        Assert.Equal("Hi Dana,\n\nA new blender is on its way.\n\n-- \nAlex\nFabrikam customer care\nCase C-1042\n", email.TextBody);
    }

    [Theory]
    [InlineData("", "Alex", "text", "key")]
    [InlineData("dana@example.com", " ", "text", "key")]
    [InlineData("dana@example.com", "Alex", "", "key")]
    [InlineData("dana@example.com", "Alex", "text", "")]
    public void An_agent_reply_needs_recipient_agent_text_and_key(string to, string agent, string text, string key)
    {
        Assert.Throws<ArgumentException>(() => Emails.AgentReply(NotificationCases.Open(), to, agent, text, key));
    }

    [Fact]
    public void The_resolution_notice_says_resolved_and_asks_for_a_rating_from_1_to_5()
    {
        var email = Emails.ResolutionNotice(NotificationCases.Full(), "dana@example.com", "case-resolved/C-1042");

        Assert.Equal("case-resolved/C-1042", email.IdempotencyKey);
        Assert.Equal("dana@example.com", email.To);
        Assert.Equal("Your Fabrikam case C-1042 is resolved", email.Subject);
        Assert.Equal("care@fabrikam.example", email.ReplyTo);
        Assert.StartsWith("Hi Dana,\n\nWe have resolved your case C-1042.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("reply to this email with a number from 1 to 5", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_customer_email_builds_into_a_valid_mime_message()
    {
        var value = NotificationCases.Full();

        foreach (var email in new[]
        {
            Confirm(value),
            Emails.AgentReply(value, "dana@example.com", "Alex", "On its way.", "agent-reply/C-1042/1"),
            Emails.ResolutionNotice(value, "dana@example.com", "case-resolved/C-1042"),
            new CaseEmails(new NotificationOptions { AgentEmail = "agents@fabrikam.example" }).AgentNotification(value)!,
        })
        {
            var message = MimeMessageBuilder.Build(email, "Fabrikam <care@fabrikam.example>");

            Assert.Equal(email.Subject, message.Subject);
            Assert.Equal(email.To, Assert.Single(message.To.Mailboxes).Address);
        }
    }

    private static EmailMessage Confirm(Case value) =>
        Emails.CustomerConfirmation(value) ?? throw new InvalidOperationException("No confirmation.");
}
