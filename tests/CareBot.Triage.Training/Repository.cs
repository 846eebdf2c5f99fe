namespace CareBot.Triage.Training;

/// <summary>Finds the repository root (the folder with CareBot.sln) from the working directory upwards.</summary>
internal static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CareBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run this from inside the CareBot repository (no CareBot.sln found above the working directory).");
    }

    /// <summary>The admin-editable cue file the server reads by default (Triage:CuesPath).</summary>
    public static string CuesPath(string root) => Path.Combine(root, "dialogs", "settings", "triage.yaml");

    public static string CorpusPath(string root) => Path.Combine(root, "tests", "CareBot.Triage.Training", "Corpus", "care-corpus.tsv");

    public static string ModelPath(string root) => Path.Combine(root, "src", "CareBot.Care", "Triage", "Model", "care-model.tsv");

    public static string EmbeddingHeadPath(string root) => Path.Combine(root, "src", "CareBot.Care", "Triage", "Model", "care-embedding-head.tsv");

    public static string MiniLmLayersPath(string root) => Path.Combine(root, "src", "CareBot.Care", "Triage", "Model", "care-minilm-layers.bin");

    public static string EmbeddingCardPath(string root) => Path.Combine(root, "src", "CareBot.Care", "Triage", "Model", "care-embedding-head.md");

    /// <summary>The head on the package's own (not fine-tuned) MiniLM: the teacher of the distilled labels, not shipped.</summary>
    public static string FrozenHeadPath(string root) => Path.Combine(root, "tests", "CareBot.Triage.Training", "Distillation", "frozen-embedding-head.tsv");

    public static string FrozenCardPath(string root) => Path.Combine(root, "tests", "CareBot.Triage.Training", "Distillation", "frozen-embedding-head.md");

    public static string DataCardPath(string root) => Path.Combine(root, "src", "CareBot.Care", "Triage", "Model", "care-model.md");
}
