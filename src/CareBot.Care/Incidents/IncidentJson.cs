using System.Text.Json;

namespace CareBot.Care.Incidents;

/// <summary>The stored JSON shape of an <see cref="Incident"/> and of an <see cref="ObservedComplaint"/>.</summary>
public static class IncidentJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(Incident incident) => JsonSerializer.Serialize(incident, Options);

    public static Incident Deserialize(string json) =>
        JsonSerializer.Deserialize<Incident>(json, Options) ?? throw new JsonException("The incident document is null.");

    public static string Serialize(ObservedComplaint complaint) => JsonSerializer.Serialize(complaint, Options);

    public static ObservedComplaint DeserializeComplaint(string json) =>
        JsonSerializer.Deserialize<ObservedComplaint>(json, Options) ?? throw new JsonException("The complaint document is null.");
}
