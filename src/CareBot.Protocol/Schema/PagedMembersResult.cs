namespace CareBot.Protocol.Schema;

/// <summary>One page of <c>GET /v3/conversations/{id}/pagedmembers</c>.</summary>
public sealed class PagedMembersResult
{
    public string? ContinuationToken { get; set; }

    public IList<ChannelAccount> Members { get; set; } = new List<ChannelAccount>();
}
