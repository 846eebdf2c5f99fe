using CareBot.Protocol.Schema;

namespace CareBot.Testing.Turns;

/// <summary>One call a <see cref="RecordingConnectorClient"/> received.</summary>
public sealed record ConnectorCall(string Operation, string ServiceUrl, string? ConversationId, string? ActivityId, Activity? Activity);
