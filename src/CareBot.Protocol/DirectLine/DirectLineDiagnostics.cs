namespace CareBot.Protocol.DirectLine;

/// <summary>What the channel holds in memory right now (for tests and operators checking that the limits hold).</summary>
/// <param name="Conversations">Conversations kept.</param>
/// <param name="Tokens">Tokens valid or not yet forgotten.</param>
/// <param name="Streams">WebSockets open.</param>
/// <param name="Activities">Activities kept over all conversations.</param>
/// <param name="HistoryBytes">Bytes of those activities (UTF-8 JSON).</param>
internal sealed record DirectLineDiagnostics(int Conversations, int Tokens, int Streams, int Activities, long HistoryBytes);
