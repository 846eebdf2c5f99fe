namespace CareBot.Benchmarks.Triage;

/// <summary>The VADER ground-truth texts (copied into the Care tests) used as benchmark input.</summary>
internal static class GroundTruthTexts
{
    public static string[] Load(string dataset)
    {
        var file = Path.Combine(DataDirectory(), dataset + "_GroundTruth.txt");
        return File.ReadLines(file)
            .Where(line => line.Length > 0)
            .Select(line => line[(line.IndexOf('\t', line.IndexOf('\t', StringComparison.Ordinal) + 1) + 1)..])
            .ToArray();
    }

    private static readonly string[] Datasets = ["tweets", "nytEditorialSnippets", "movieReviewSnippets", "amazonReviewSnippets"];

    public static string[] LoadAll() => Datasets.SelectMany(Load).ToArray();

    private static string DataDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CareBot.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(
            directory?.FullName ?? throw new InvalidOperationException("Run from inside the CareBot repository (CareBot.sln not found)."),
            "tests", "CareBot.Care.Tests", "Triage", "Data");
    }
}
