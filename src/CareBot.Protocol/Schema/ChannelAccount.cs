using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareBot.Protocol.Schema;

/// <summary>A user or bot on a channel.</summary>
public sealed class ChannelAccount
{
    public ChannelAccount()
    {
    }

    public ChannelAccount(string id, string? name = null, string? role = null)
    {
        Id = id;
        Name = name;
        Role = role;
    }

    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadObjectId { get; set; }

    /// <summary><see cref="RoleTypes"/>: user, bot, skill.</summary>
    public string? Role { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
