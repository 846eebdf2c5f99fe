using MimeKit;

namespace CareBot.Care.Agents;

/// <summary>The rule for a console account's e-mail address (where @mention notices go).</summary>
public static class AgentEmailAddress
{
    /// <summary>The longest address accepted (RFC 5321's path limit).</summary>
    public const int MaxLength = 254;

    public const string Rule = "An e-mail address looks like ana@example.com: one address, no name or spaces, at most 254 characters.";

    /// <summary>The trimmed address, or null when it is not a single plain address (see <see cref="Rule"/>).</summary>
    public static string? Normalize(string? text)
    {
        var address = text?.Trim();
        if (string.IsNullOrEmpty(address) || address.Length > MaxLength || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || !MailboxAddress.TryParse(address, out var parsed) || !string.Equals(parsed.Address, address, StringComparison.Ordinal)
            || address.IndexOf('@', StringComparison.Ordinal) is < 1 || address.EndsWith('@'))
        {
            return null;
        }

        return address;
    }
}
