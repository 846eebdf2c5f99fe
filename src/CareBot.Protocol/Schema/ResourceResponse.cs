namespace CareBot.Protocol.Schema;

/// <summary>The channel's answer to a send: the id it gave the activity (may be absent on some channels).</summary>
public sealed class ResourceResponse
{
    public ResourceResponse()
    {
    }

    public ResourceResponse(string? id)
    {
        Id = id;
    }

    public string? Id { get; set; }
}
