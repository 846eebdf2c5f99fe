namespace CareBot.Dialogs.Model;

/// <summary>A position in a script file (1-based line and column), so every diagnostic can point at its cause.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}
