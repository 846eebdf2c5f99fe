using System.Text.Json.Serialization;

namespace CareBot.Dialogs.Model;

/// <summary>How urgently a case needs a person; ordered so "at least high" is a comparison.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Priority>))]
public enum Priority
{
    /// <summary>Whenever convenient.</summary>
    Low = 0,

    /// <summary>The default.</summary>
    Normal = 1,

    /// <summary>Heated or complex: before normal work.</summary>
    High = 2,

    /// <summary>Immediately.</summary>
    Urgent = 3,
}
