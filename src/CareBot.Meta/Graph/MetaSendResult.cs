namespace CareBot.Meta.Graph;

/// <summary>What the Send API answers: the customer's page-scoped id and the message's id.</summary>
public sealed record MetaSendResult(string? RecipientId, string? MessageId);
