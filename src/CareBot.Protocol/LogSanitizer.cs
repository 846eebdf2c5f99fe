using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace CareBot.Protocol;

/// <summary>
/// Makes a value that came from outside (a token's <c>iss</c>, <c>kid</c> or <c>alg</c>, a channelId, a serviceUrl, an
/// activity id, a header) safe to put into a log line: it can neither forge a second line nor flood the log.
/// </summary>
public static class LogSanitizer
{
    /// <summary>The default cap, in characters of the original value: enough for any real id, URL or issuer.</summary>
    public const int DefaultMaxLength = 256;

    /// <summary>The cap for a sentence that quotes outside values, such as the reason a token was refused.</summary>
    public const int DetailMaxLength = 1024;

    // Printable ASCII: the common case, checked fast before the character-by-character walk.
    private static readonly SearchValues<char> SafeAscii =
        SearchValues.Create(Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).ToArray());

    /// <summary>
    /// Returns <paramref name="value"/> with every control character (line breaks included), Unicode line or paragraph
    /// separator, invisible format character (e.g. a right-to-left override) and unpaired surrogate written as a
    /// <c>\uXXXX</c> escape, cut after <paramref name="maxLength"/> characters with a note of how much was cut. A value
    /// that needs neither is returned as it is; null stays null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 1.</exception>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Sanitize(string? value, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (value is null)
        {
            return null;
        }

        var keep = value.Length <= maxLength ? value.Length : maxLength;
        if (keep < value.Length && char.IsHighSurrogate(value[keep - 1]) && char.IsLowSurrogate(value[keep]))
        {
            keep--; // Never cut a surrogate pair in two.
        }

        if (keep == value.Length && (!value.AsSpan().ContainsAnyExcept(SafeAscii) || IsClean(value)))
        {
            return value;
        }

        var builder = new StringBuilder(keep + 32);
        for (var i = 0; i < keep; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[i + 1]);
                i++;
            }
            else if (IsUnsafe(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (keep < value.Length)
        {
            builder.Append("…(+").Append((value.Length - keep).ToString(CultureInfo.InvariantCulture)).Append(" characters)");
        }

        return builder.ToString();
    }

    private static bool IsClean(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (IsUnsafe(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnsafe(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format
        or UnicodeCategory.Surrogate;
}
