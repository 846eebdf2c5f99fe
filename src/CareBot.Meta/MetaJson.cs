using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareBot.Meta;

/// <summary>How the Meta channel writes its own stored JSON (outbox payloads, state documents): camelCase, enums as names.</summary>
internal static class MetaJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
