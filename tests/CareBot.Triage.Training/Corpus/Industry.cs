namespace CareBot.Triage.Training.Corpus;

/// <summary>
/// The words of one industry that the corpus templates fill in: brand handles, what customers buy, what goes wrong,
/// who serves them, what they praise and what they ask. All written for this project; the brands are invented.
/// </summary>
internal sealed record Industry(
    string Name,
    string[] Handles,
    string[] Things,
    string[] Failures,
    string[] PlainFailures,
    string[] Staff,
    string[] PraiseFor,
    string[] Questions,
    string[] Neutral);
