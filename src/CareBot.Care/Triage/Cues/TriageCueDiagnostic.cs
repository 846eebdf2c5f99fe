namespace CareBot.Care.Triage.Cues;

/// <summary>One problem in a cue file, with where it is and what to do about it.</summary>
public sealed record TriageCueDiagnostic(string File, int Line, int Column, string Message, string Hint)
{
    public override string ToString() => $"{File}({Line},{Column}): {Message} Hint: {Hint}";
}
