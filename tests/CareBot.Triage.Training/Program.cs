using CareBot.Triage.Training;

// dotnet run -c Release --project tests/CareBot.Triage.Training -- train            (corpus + model + data card + figures)
// dotnet run -c Release --project tests/CareBot.Triage.Training -- evaluate FILE    (triage on real tweets, e.g. airline-dev.tsv)
return args switch
{
    ["train"] => Training.Run(Console.Out),
    ["evaluate", var file] => Evaluation.Run(file, Console.Out),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: train | evaluate FILE.tsv");
    return 2;
}
