using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareBot.Protocol.Schema;

/// <summary>
/// Writes UTC times as <c>2026-11-22T14:03:11.512Z</c> like the Bot Framework (System.Text.Json would write
/// <c>+00:00</c>) and other times with their offset, so <c>localTimestamp</c> keeps the sender's zone.
/// </summary>
public sealed class BotDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();

        // Only ISO-8601 (yyyy-MM-ddTHH:mm:ss...): the general parser would also take culture-style dates like
        // "11/22/2026", silently guessing what a sender meant. A time without offset is taken as UTC.
        if (text is null || !LooksIso8601(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind | DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new JsonException($"'{text}' is not an ISO-8601 date-time such as 2026-11-22T14:03:11.512Z.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var text = value.Offset == TimeSpan.Zero
            ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text);
    }

    private static bool LooksIso8601(string text) =>
        text.Length >= 19 && text[4] == '-' && text[7] == '-' && (text[10] == 'T' || text[10] == 't') && text[13] == ':' && text[16] == ':';
}
