namespace CareBot.Care.Cases;

/// <summary>Who the case is for: the channel, the customer's id on it and the display name they use.</summary>
public sealed record CaseCustomer(string ChannelId, string UserId, string? Name);
