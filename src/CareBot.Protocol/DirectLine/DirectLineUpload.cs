namespace CareBot.Protocol.DirectLine;

/// <summary>
/// A file a customer sent with <c>POST /v3/directline/conversations/{id}/upload</c>, as kept: its random id (the
/// capability in its link), the conversation it came in, the customer's file name (cleaned), the content type the
/// server recognised from its first bytes (never the one the client claimed), and the bytes.
/// </summary>
public sealed record DirectLineUpload(string Id, string ConversationId, string Name, string ContentType, byte[] Content, DateTimeOffset UploadedAt);
