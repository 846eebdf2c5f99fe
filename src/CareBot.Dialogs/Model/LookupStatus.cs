using System.Text.Json.Serialization;

namespace CareBot.Dialogs.Model;

/// <summary>How a lookup went, as far as the script cares.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LookupStatus>))]
public enum LookupStatus
{
    /// <summary>The API answered with the fields the node maps.</summary>
    Found,

    /// <summary>The API says there is no such thing (HTTP 404).</summary>
    NotFound,

    /// <summary>The call failed, timed out, answered something unreadable, or the integration is not configured.</summary>
    Failed,
}
