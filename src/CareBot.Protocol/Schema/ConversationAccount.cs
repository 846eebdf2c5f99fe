using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareBot.Protocol.Schema;

/// <summary>The conversation an activity belongs to (the transport thread, not a care case).</summary>
public sealed class ConversationAccount
{
    public ConversationAccount()
    {
    }

    public ConversationAccount(string id, bool? isGroup = null, string? conversationType = null)
    {
        Id = id;
        IsGroup = isGroup;
        ConversationType = conversationType;
    }

    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>True when the conversation has more than two participants (a public or group thread).</summary>
    public bool? IsGroup { get; set; }

    /// <summary>Channel-defined, e.g. Teams' <c>personal</c>, <c>groupChat</c>, <c>channel</c>.</summary>
    public string? ConversationType { get; set; }

    public string? TenantId { get; set; }

    public string? AadObjectId { get; set; }

    public string? Role { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
