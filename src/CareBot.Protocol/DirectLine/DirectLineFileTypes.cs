namespace CareBot.Protocol.DirectLine;

/// <summary>
/// The kinds of file a customer may send through the built-in channel, recognised from their first bytes. The type the
/// client claims is never trusted: a "photo" that is really HTML or SVG would run script when an agent opens its link.
/// </summary>
public static class DirectLineFileTypes
{
    /// <summary>What the refusal names, for a customer who picked something else.</summary>
    public const string Accepted = "a photo (PNG, JPEG, GIF or WebP) or a PDF";

    /// <summary>The content type of a file that starts with <paramref name="head"/>, or null when it is none of those.</summary>
    public static string? Recognise(ReadOnlySpan<byte> head)
    {
        ReadOnlySpan<byte> png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        ReadOnlySpan<byte> jpeg = [0xFF, 0xD8, 0xFF];
        if (head.StartsWith(png))
        {
            return "image/png";
        }

        if (head.StartsWith(jpeg))
        {
            return "image/jpeg";
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return head.StartsWith("%PDF-"u8) ? "application/pdf" : null;
    }

    /// <summary>The usual file extension of a recognised type ("jpg" for image/jpeg), for a file that came without a name.</summary>
    public static string Extension(string contentType) => contentType switch
    {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        _ => "pdf",
    };

    /// <summary>Whether a browser may show the file in place (photos); a PDF is downloaded instead.</summary>
    public static bool ShowsInline(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);
}
