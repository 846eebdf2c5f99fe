using System.Text.RegularExpressions;

namespace CareBot.Server.Tests.Architecture;

/// <summary>
/// The repository paths README.md names in inline code (<c>`src/…`</c>, <c>`tests/…`</c>, <c>`dialogs/…`</c>,
/// <c>`manifests/…`</c>). Paths with a glob (<c>*</c>), an ellipsis (<c>...</c>, <c>…</c>) or a placeholder word
/// (<c>NAME</c>, <c>NNNN</c>) stand for many files and are checked only up to the segment before it.
/// </summary>
internal static partial class ReadmePaths
{
    /// <summary>The paths <paramref name="markdown"/> names that do not exist under <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> Missing(string markdown, string root) =>
        [.. Named(markdown).Where(path => !Exists(root, path))];

    /// <summary>The repository paths named in inline code spans (fenced code blocks are commands and output, not claims).</summary>
    public static IReadOnlyList<string> Named(string markdown)
    {
        var prose = FencedBlock().Replace(markdown, string.Empty);
        return [.. InlineCode().Matches(prose)
            .SelectMany(span => RepositoryPath().Matches(span.Groups[1].Value))
            .Select(match => match.Value.TrimEnd('.'))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    private static bool Exists(string root, string path)
    {
        var segments = path.TrimEnd('/').Split('/');
        var concrete = segments.TakeWhile(s => !IsPlaceholder(s)).ToArray();
        var full = Path.Combine([root, .. concrete]);
        return File.Exists(full) || Directory.Exists(full);
    }

    private static bool IsPlaceholder(string segment) =>
        segment.Contains('*', StringComparison.Ordinal)
        || segment.Contains("...", StringComparison.Ordinal)
        || segment.Contains('…', StringComparison.Ordinal)
        || segment.Contains('<', StringComparison.Ordinal)
        || segment.Split('.', '-', '_').Any(Placeholders.Contains);

    // Words the README uses for "fill in your own" (a helper's branch NAME, a migration number NNNN).
    private static readonly HashSet<string> Placeholders = new(StringComparer.Ordinal) { "NAME", "NNNN", "N", "ID", "VERSION", "PORT" };

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"(?<![\w./-])(?:src|tests|dialogs|manifests)/[^\s`'""(),;:]*")]
    private static partial Regex RepositoryPath();
}
