using CareBot.Dialogs.Model;
using CareBot.Dialogs.Validation;

namespace CareBot.Dialogs.Loading;

/// <summary>Reads script files, parses and validates them as one set.</summary>
public static class ScriptLoader
{
    /// <summary>
    /// The script files at the given paths: a folder gives its top-level <c>*.yaml</c> and <c>*.yml</c> files
    /// (sub-folders such as <c>dialogs/settings/</c> are not dialogs); a file is taken as is.
    /// </summary>
    public static IReadOnlyList<string> FindFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.yaml").Concat(Directory.EnumerateFiles(path, "*.yml")).Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(path);
            }
        }

        return files;
    }

    /// <summary>Loads files from disk (a missing file is a diagnostic, not an exception).</summary>
    public static ScriptSetResult LoadFiles(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sources = new List<(string, string)>();
        var missing = new List<Diagnostic>();
        foreach (var file in files)
        {
            var name = DisplayName(file);
            try
            {
                sources.Add((name, File.ReadAllText(file)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                missing.Add(Diagnostic.Error(new SourceLocation(name, 1, 1), DiagnosticCodes.YamlSyntax, $"cannot read the file: {ex.Message}", "check the path and permissions"));
            }
        }

        var result = LoadSources(sources);
        return missing.Count == 0 ? result : result with { Diagnostics = [.. missing, .. result.Diagnostics] };
    }

    /// <summary>How a file is named in diagnostics: relative to the working directory when inside it, else as given.</summary>
    public static string DisplayName(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative;
    }

    /// <summary>Parses and validates sources given as (file name, text).</summary>
    public static ScriptSetResult LoadSources(IEnumerable<(string File, string Source)> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var scripts = new List<DialogScript>();
        var diagnostics = new List<Diagnostic>();
        foreach (var (file, source) in sources)
        {
            var (script, found) = ScriptParser.Parse(file, source);
            diagnostics.AddRange(found);
            if (script is not null)
            {
                scripts.Add(script);
            }
        }

        diagnostics.AddRange(ScriptValidator.Validate(scripts));
        var sorted = diagnostics.Distinct().OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ToList();
        return new ScriptSetResult(scripts, sorted);
    }
}
