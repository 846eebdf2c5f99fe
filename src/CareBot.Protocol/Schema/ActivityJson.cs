using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareBot.Protocol.Schema;

/// <summary>
/// The one set of JSON rules for the Bot Framework wire: camelCase names written, any casing read, nulls omitted,
/// timestamps written as ISO-8601 (UTC with <c>Z</c>, others with their offset), nesting capped at 64 levels.
/// </summary>
public static class ActivityJson
{
    /// <summary>Maximum nesting accepted when reading; deeper documents are rejected rather than risking the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>Options for every (de)serialization of schema types. Frozen: don't modify.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes an activity (or any schema type) to UTF-8 JSON bytes.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Serializes an activity (or any schema type) to a JSON string.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserializes schema JSON; throws <see cref="JsonException"/> on malformed input.</summary>
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>Deserializes schema JSON; throws <see cref="JsonException"/> on malformed input.</summary>
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize<T>(utf8Json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = MaxDepth,

            // Activities are JSON for channels, never inlined into HTML: write apostrophes and non-ASCII text as they are
            // (like the Bot Framework) instead of \u0027 escapes. Quotes, backslashes and control characters stay escaped.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new BotDateTimeOffsetConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
