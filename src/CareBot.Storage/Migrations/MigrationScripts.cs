using System.Globalization;
using System.Reflection;

namespace CareBot.Storage.Migrations;

/// <summary>
/// Loads the numbered migrations of a dialect from the embedded <c>Migrations/{Dialect}/NNNN_name.sql</c> files. Adding a
/// table (cases, outbox, script versions) is adding the next numbered file for each dialect.
/// </summary>
internal static class MigrationScripts
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static IReadOnlyList<Migration> Load(string dialect)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var prefix = $"Migrations.{dialect}.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[prefix.Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException(
                    $"Migration file '{fileName}.sql' ({dialect}) must be named NNNN_description.sql, e.g. 0002_cases.sql.");
            }

            migrations.Add(new Migration(version, fileName[(separator + 1)..], ReadText(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"{dialect} migrations must be numbered 1, 2, 3, ... without gaps or repeats; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations;
    }

    private static string ReadText(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
