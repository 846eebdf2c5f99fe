namespace CareBot.Protocol.DirectLine;

/// <summary>What one conversation may hold (from <see cref="DirectLineOptions"/>).</summary>
/// <param name="MaxActivities">Activities kept in the history (<see cref="DirectLineOptions.MaxHistoryActivities"/>).</param>
/// <param name="MaxBytes">Bytes of activities kept (<see cref="DirectLineOptions.MaxHistoryBytes"/>).</param>
/// <param name="MaxStreams">WebSockets open at once (<see cref="DirectLineOptions.MaxStreamsPerConversation"/>).</param>
/// <param name="MaxTokens">Tokens valid at once; a refresh replaces its token, so this only bounds repeated grants.</param>
internal sealed record DirectLineConversationLimits(int MaxActivities, long MaxBytes, int MaxStreams, int MaxTokens)
{
    /// <summary>Tokens valid at once per conversation: the page's, a reconnect's and a private conversation's announcement.</summary>
    public const int DefaultMaxTokens = 4;

    public static DirectLineConversationLimits From(DirectLineOptions options) =>
        new(options.MaxHistoryActivities, options.MaxHistoryBytes, options.MaxStreamsPerConversation, DefaultMaxTokens);
}
