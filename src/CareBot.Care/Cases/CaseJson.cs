using System.Text.Json;

namespace CareBot.Care.Cases;

/// <summary>The one JSON form of a <see cref="Case"/>, which the stores keep as a document beside their index columns.</summary>
public static class CaseJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(Case value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.Serialize(value, Options);
    }

    public static Case Deserialize(string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(json);
        return JsonSerializer.Deserialize<Case>(json, Options)
            ?? throw new JsonException("A stored case document is 'null'.");
    }
}
