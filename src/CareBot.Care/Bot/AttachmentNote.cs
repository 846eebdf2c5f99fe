using System.Text;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;

namespace CareBot.Care.Bot;

/// <summary>
/// The transcript's line for what a customer sent besides text: "[photo: receipt.jpg https://…]". A photo of the damage
/// or a screenshot of the error is often the whole message, and it was dropped: no reply, nothing in the case. With
/// this line the dialog hears that something came and the agent sees what it was and where the channel keeps it. The
/// name is the customer's and the link the channel's, so both are cleaned: no brackets or line breaks in a name, and
/// only an absolute http or https link (never <c>javascript:</c> or <c>data:</c>).
/// </summary>
public static class AttachmentNote
{
    /// <summary>At most this many are described; a message with more says how many more.</summary>
    public const int MaxDescribed = 5;

    private const int MaxNameLength = 80;
    private const int MaxUrlLength = 2048;

    /// <summary>The note, or null when nothing was sent that a person could open (cards, the HTML copy of the text).</summary>
    public static string? Describe(IEnumerable<SentAttachment>? attachments)
    {
        var files = attachments?.Where(IsFile).ToList() ?? [];
        if (files.Count == 0)
        {
            return null;
        }

        var note = new StringBuilder();
        foreach (var file in files.Take(MaxDescribed))
        {
            note.Append(note.Length == 0 ? "[" : " [").Append(KindOf(file.Type));
            if (CleanName(file.Name) is { } name)
            {
                note.Append(": ").Append(name);
            }

            if (SafeUrl(file.Url) is { } url)
            {
                note.Append(' ').Append(url);
            }

            note.Append(']');
        }

        if (files.Count > MaxDescribed)
        {
            note.Append(" [and ").Append(files.Count - MaxDescribed).Append(" more]");
        }

        return note.ToString();
    }

    /// <summary>The customer's words and the note on one line ("it came like this [photo: box.jpg https://…]").</summary>
    public static string? Join(string? words, string? note) =>
        words is null ? note : note is null ? words : words + " " + note;

    /// <summary>
    /// What a turn takes from a customer's message, on every channel: the words triage reads (null when only a file came;
    /// a file's name says nothing of the customer's mood) and the line the dialog and the transcript get (<see cref="Join"/>).
    /// </summary>
    public static (string? Words, string? Line) Split(string? text, string? note)
    {
        var words = string.IsNullOrWhiteSpace(text) ? null : text;
        return (words, Join(words, note));
    }

    /// <summary>
    /// Triage's annotations plus the channel's <see cref="SignalNames.Files"/> when something came besides words, so that
    /// a script can tell a photo of the label from a wrong order number.
    /// </summary>
    public static TriageAnnotations WithFilesSignal(TriageAnnotations triage, string? note)
    {
        ArgumentNullException.ThrowIfNull(triage);
        return note is null ? triage : triage.WithSignal(SignalNames.Files);
    }

    // Teams sends the message's own text again as a text/html attachment; cards are the bot's, not the customer's.
    private static bool IsFile(SentAttachment attachment) =>
        (attachment.Type is not { } type
            || !(type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
                || type.StartsWith("application/vnd.microsoft.card.", StringComparison.OrdinalIgnoreCase)
                || type.Equals("fallback", StringComparison.OrdinalIgnoreCase)))
        && (SafeUrl(attachment.Url) is not null || CleanName(attachment.Name) is not null);

    private static string KindOf(string? type) =>
        type is null ? "file"
        : type.StartsWith("image", StringComparison.OrdinalIgnoreCase) ? "photo"
        : type.StartsWith("video", StringComparison.OrdinalIgnoreCase) ? "video"
        : type.StartsWith("audio", StringComparison.OrdinalIgnoreCase) ? "audio"
        : "file";

    private static string? CleanName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var clean = new StringBuilder(Math.Min(name.Length, MaxNameLength));
        foreach (var c in name)
        {
            if (clean.Length == MaxNameLength)
            {
                break;
            }

            clean.Append(char.IsControl(c) || c is '[' or ']' || char.IsWhiteSpace(c) ? ' ' : c);
        }

        var trimmed = clean.ToString().Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    private static string? SafeUrl(string? url) =>
        url is { Length: > 0 and <= MaxUrlLength }
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;
}
