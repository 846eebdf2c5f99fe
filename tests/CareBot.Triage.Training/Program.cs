using CareBot.Triage.Training;
using CareBot.Triage.Training.Distillation;
using CareBot.Triage.Training.Embeddings;

// dotnet run -c Release --project tests/CareBot.Triage.Training -- train            (corpus + model + data card + figures)
// dotnet run -c Release --project tests/CareBot.Triage.Training -- distill          (MiniLM-head labels for unlabelled MIT texts)
// dotnet run -c Release --project tests/CareBot.Triage.Training -- evaluate FILE    (triage on real tweets, e.g. airline-dev.tsv)
// dotnet run -c Release --project tests/CareBot.Triage.Training -- complaints FILE  (triage on real tweets to brands in nine domains, complaints-data.csv)
// dotnet run -c Release --project tests/CareBot.Triage.Training -- mix FILE         (how much the written messages count; FILE printed beside)
// dotnet run -c Release --project tests/CareBot.Triage.Training -- sample FILE N    (N random real tweets to judge by hand)
return args switch
{
    ["train"] => Training.Run(Console.Out),
    ["distill"] => DistilledLabels.Write(Console.Out),
    ["embed"] => EmbeddingWarmUp.Run(null, Console.Out),
    ["embed", var file] => EmbeddingWarmUp.Run(file, Console.Out),
    ["embeddings", var file] => EmbeddingExperiment.Run(file, Console.Out),
    ["evaluate", var file] => Evaluation.Run(file, Console.Out),
    ["complaints", var file] => ComplaintsEvaluation.Run(file, Console.Out),
    ["mix", var file] => CorpusMix.Run(file, Console.Out),
    ["misses", var file, var size] when int.TryParse(size, out var n) && n > 0 => HandSample.Misses(file, n, Console.Out),
    ["sample", var file, var size] when int.TryParse(size, out var n) && n > 0 => HandSample.Run(file, n, Console.Out),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: train | evaluate FILE.tsv | complaints FILE.csv | sample FILE.tsv N");
    return 2;
}
