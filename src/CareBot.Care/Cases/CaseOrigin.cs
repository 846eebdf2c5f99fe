using CareBot.Protocol.Schema;

namespace CareBot.Care.Cases;

/// <summary>
/// Where the case came from and the conversations it answers through (STYLE 25: agent replies are proactive messages
/// to these references). A case that began as a public post and was taken offline has both.
/// </summary>
/// <param name="Kind">Public post or private chat.</param>
/// <param name="PostLink">A link to the public post, when the channel gives one.</param>
/// <param name="Public">The public thread, if the case began in public.</param>
/// <param name="Private">The private (1:1) conversation, if there is one.</param>
public sealed record CaseOrigin(CaseOriginKind Kind, string? PostLink, ConversationReference? Public, ConversationReference? Private);
