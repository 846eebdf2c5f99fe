using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace CareBot.Web.Studio;

/// <summary>A line diff between two script versions (DiffPlex), as the history page shows it.</summary>
public static class VersionDiff
{
    /// <summary>Every line of the newer text with unchanged, inserted and deleted lines marked; deleted lines sit where they were.</summary>
    public static IReadOnlyList<DiffPiece> Lines(string older, string newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        return InlineDiffBuilder.Diff(older, newer, ignoreWhiteSpace: false).Lines;
    }

    /// <summary>How many lines were inserted and deleted.</summary>
    public static (int Inserted, int Deleted) Count(IReadOnlyList<DiffPiece> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return (lines.Count(l => l.Type == ChangeType.Inserted), lines.Count(l => l.Type == ChangeType.Deleted));
    }
}
