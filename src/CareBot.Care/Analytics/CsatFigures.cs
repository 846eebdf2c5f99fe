namespace CareBot.Care.Analytics;

/// <summary>Customer satisfaction over resolved cases: the average rating, how many gave each rating, and the response rate.</summary>
/// <param name="Average">Mean rating 1-5 of the rated cases; null when none was rated.</param>
/// <param name="Distribution">Rated cases per rating, index 0 for 1 star to index 4 for 5 stars.</param>
/// <param name="ResponseRate">Rated cases of resolved cases (every resolution asks for a rating).</param>
public sealed record CsatFigures(double? Average, IReadOnlyList<int> Distribution, Share ResponseRate);
