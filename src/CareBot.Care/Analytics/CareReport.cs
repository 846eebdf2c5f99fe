namespace CareBot.Care.Analytics;

/// <summary>The social-care report for <c>[From, To)</c>: overall (or for the one channel asked for) and per channel.</summary>
/// <param name="Truncated">True when the range held more stored rows than one report reads; the figures then cover the newest.</param>
public sealed record CareReport(
    DateTimeOffset From,
    DateTimeOffset To,
    string? Channel,
    ReportFigures Overall,
    IReadOnlyDictionary<string, ReportFigures> ByChannel,
    bool Truncated);
