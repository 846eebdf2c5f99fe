namespace CareBot.Care.Analytics;

/// <summary>The average VADER compound score (-1 to 1) of conversations' first and last triaged message, and the change.</summary>
public sealed record SentimentFigures(int Conversations, double? AtEntry, double? AtClose)
{
    public double? Delta => AtEntry is { } entry && AtClose is { } close ? Math.Round(close - entry, 3) : null;
}
