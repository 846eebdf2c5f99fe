using System.Text;

namespace CareBot.Care.Email;

/// <summary>
/// Makes customer text safe for a header value: CR, LF and every other control character become a space (a header
/// cannot be ended early, so nothing can be injected after it), runs of spaces collapse, and the result is trimmed.
/// </summary>
public static class HeaderText
{
    public static string Sanitize(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length);
        var lastWasSpace = false;
        foreach (var c in value)
        {
            var space = char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029';
            if (space)
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            builder.Append(c);
            lastWasSpace = false;
        }

        return builder.ToString().Trim();
    }
}
