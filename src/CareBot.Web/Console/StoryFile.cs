using System.Text.RegularExpressions;
using CareBot.Protocol.DirectLine;

namespace CareBot.Web.Console;

/// <summary>
/// A photo or file the customer sent through the chat page, as the console shows it: the photo itself, a PDF as a
/// link. Found in the transcript line the channel wrote ("[photo: box.png https://…/v3/directline/attachments/…]"),
/// and only for files this server keeps: the console links to the file's path on its own origin, never to the host in
/// the line. A customer can type a line that looks like the channel's, but can only name a file that exists here, and
/// ids are random: in practice their own.
/// </summary>
/// <param name="IsPhoto">Shown in place (an image); otherwise a link to download.</param>
/// <param name="Name">The customer's file name, as the line gives it.</param>
/// <param name="Path">The file's path on this server.</param>
public sealed partial record StoryFile(bool IsPhoto, string Name, string Path)
{
    /// <summary>The kept files a transcript line names, in order.</summary>
    public static IReadOnlyList<StoryFile> In(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains(DirectLineUploadLinks.PathPrefix, StringComparison.Ordinal))
        {
            return [];
        }

        return [.. KeptFile().Matches(text).Select(match => new StoryFile(
            match.Groups["kind"].Value == "photo",
            match.Groups["name"].Value,
            DirectLineUploadLinks.PathOf(match.Groups["id"].Value)))];
    }

    // The channel's note for one file (see AttachmentNote): kind, cleaned name, absolute link to the kept file.
    [GeneratedRegex(@"\[(?<kind>photo|file): (?<name>[^\[\]\r\n]{1,80}) https?://[^\s\[\]]+" + DirectLineUploadLinks.PathPrefix
        + "(?<id>" + DirectLineUploadLinks.IdPattern + @")\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex KeptFile();
}
