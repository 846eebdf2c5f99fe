using CareBot.Care.Email;

namespace CareBot.Care.Tests.Email;

public sealed class MimeMessageBuilderTests
{
    private const string From = "Acme Care <care@acme.example>";

    private static EmailMessage Message(string subject = "Your case C-1042", string to = "dana@example.com", string? toName = "Dana") =>
        new("handoff-email/conversation-1#4", to, toName, subject, "We are on it.");

    [Fact]
    public void The_message_id_is_stable_for_an_idempotency_key_and_differs_between_keys()
    {
        var first = MimeMessageBuilder.Build(Message(), From);
        var retry = MimeMessageBuilder.Build(Message(), From);
        var other = MimeMessageBuilder.Build(Message() with { IdempotencyKey = "handoff-email/conversation-2#1" }, From);

        Assert.Equal(first.MessageId, retry.MessageId);
        Assert.NotEqual(first.MessageId, other.MessageId);
        Assert.EndsWith("@acme.example", first.MessageId, StringComparison.Ordinal);
        Assert.DoesNotContain("conversation", first.MessageId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Help\r\nBcc: victim@evil.example")]
    [InlineData("Help\nBcc: victim@evil.example")]
    [InlineData("Help\rBcc: victim@evil.example")]
    [InlineData("Help\u0085Bcc: victim@evil.example")]
    public void A_subject_with_line_breaks_cannot_inject_a_header(string subject)
    {
        var message = MimeMessageBuilder.Build(Message(subject), From);

        Assert.Equal("Help Bcc: victim@evil.example", message.Subject);
        Assert.Empty(message.Bcc);
        Assert.DoesNotContain("\nBcc:", Render(message), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_display_name_with_line_breaks_and_control_characters_is_flattened()
    {
        var message = MimeMessageBuilder.Build(Message(toName: "Dana\r\nBcc: victim@evil.example\u0007"), From);

        var to = Assert.Single(message.To.Mailboxes);
        Assert.Equal("Dana Bcc: victim@evil.example", to.Name);
        Assert.Equal("dana@example.com", to.Address);
        Assert.Empty(message.Bcc);
    }

    [Theory]
    [InlineData("dana@example.com\r\nBcc: victim@evil.example")]
    [InlineData("dana@example.com, victim@evil.example")]
    [InlineData("not an address")]
    [InlineData("")]
    [InlineData("@example.com")]
    public void An_address_that_is_not_exactly_one_mailbox_is_refused(string to)
    {
        var error = Assert.Throws<ArgumentException>(() => MimeMessageBuilder.Build(Message(to: to), From));

        Assert.Contains("address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_display_name_inside_the_address_is_ignored_in_favour_of_the_sanitised_one()
    {
        var message = MimeMessageBuilder.Build(Message(to: "\"Evil\" <dana@example.com>", toName: "Dana"), From);

        Assert.Equal("Dana", Assert.Single(message.To.Mailboxes).Name);
    }

    private static string Render(MimeKit.MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
