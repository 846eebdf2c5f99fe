using System.Globalization;
using System.Text.Json;

namespace CareBot.Care.Integrations;

/// <summary>Reads the fields a lookup maps out of a JSON answer, by dotted path (<c>delivery.eta</c>, <c>items.0.name</c>).</summary>
public static class ResponseFields
{
    /// <summary>
    /// The text of the field at <paramref name="path"/>: a string as is, a number or true/false as written; null when the
    /// field is missing, null, an object or an array.
    /// </summary>
    public static string? Read(JsonElement root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = root;
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => current.GetRawText(),
            _ => null,
        };
    }
}
