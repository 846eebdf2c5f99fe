using System.Text.Json.Serialization;

namespace CareBot.Care.Cases;

/// <summary>Where the conversation that became a case started.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseOriginKind>))]
public enum CaseOriginKind
{
    PublicPost,
    PrivateChat,
}
