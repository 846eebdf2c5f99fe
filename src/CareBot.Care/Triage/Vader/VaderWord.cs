namespace CareBot.Care.Triage.Vader;

/// <summary>
/// What VADER knows about one word, gathered so that a single dictionary lookup per token answers every question
/// the algorithm asks of it (valence, booster value, negation).
/// </summary>
internal readonly record struct VaderWord(double Valence, bool InLexicon, double Booster, bool IsBooster, bool IsNegation);
