using System.Text.Json.Serialization;

namespace CareBot.Protocol.DirectLine;

/// <summary>The Direct Line <c>Conversation</c> object: start, reconnect, token generate and refresh answer it.</summary>
internal sealed record DirectLineConversationResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("streamUrl")] string? StreamUrl);
