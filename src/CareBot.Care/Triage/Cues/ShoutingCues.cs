namespace CareBot.Care.Triage.Cues;

/// <summary>Thresholds of the shouting signal.</summary>
/// <param name="MinLetters">Letters a message needs before its share of capitals counts (short "OK" is not shouting).</param>
/// <param name="CapitalShare">Share of letters in capitals (0..1) at or above which the message is shouted.</param>
/// <param name="MinCapitalWords">Words of 4+ letters in capitals ("NOBODY", "NEVER") that count as shouting.</param>
/// <param name="RepeatedMarks">A run of this many ! or ? ("!!!", "?!?") counts as shouting.</param>
public sealed record ShoutingCues(int MinLetters, double CapitalShare, int MinCapitalWords, int RepeatedMarks);
