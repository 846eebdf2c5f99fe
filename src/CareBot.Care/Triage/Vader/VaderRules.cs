using System.Collections.Frozen;

namespace CareBot.Care.Triage.Vader;

/// <summary>
/// The fixed word lists and constants of the VADER algorithm (Hutto &amp; Gilbert, 2014). They are part of the algorithm,
/// not configuration: changing them breaks parity with the reference scores.
/// </summary>
internal static class VaderRules
{
    /// <summary>Empirical rating increase for a booster word ("very"), and the decrease for a dampener ("slightly").</summary>
    public const double BoosterIncrement = 0.293;

    public const double BoosterDecrement = -0.293;

    /// <summary>Empirical increase when a sentiment word is in capitals while the rest of the text is not.</summary>
    public const double CapsIncrement = 0.733;

    /// <summary>The factor a negation applies to the valence of the word it governs.</summary>
    public const double NegationScalar = -0.74;

    public const double ExclamationIncrement = 0.292;

    public const double QuestionIncrement = 0.18;

    public const double ManyQuestionsIncrement = 0.96;

    public const int MaxExclamations = 4;

    /// <summary>Alpha of the normalization score / sqrt(score² + alpha), the rough maximum expected raw score.</summary>
    public const double NormalizationAlpha = 15;

    public static readonly FrozenSet<string> Negations = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
    [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
        "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
        "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
        "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
        "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
        "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
        "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
        "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    ]);

    /// <summary>Degree adverbs: boosters raise the intensity of the next sentiment word, dampeners lower it.</summary>
    public static readonly FrozenDictionary<string, double> Boosters = BuildBoosters();

    /// <summary>Two-word dampeners, matched on the two words before a sentiment word.</summary>
    public static readonly (string First, string Second, double Value)[] BoosterBigrams =
    [
        ("just", "enough", BoosterDecrement),
        ("kind", "of", BoosterDecrement),
        ("sort", "of", BoosterDecrement),
    ];

    /// <summary>Idioms whose meaning differs from their words ("the bomb", "broken heart"): they set the valence.</summary>
    public static readonly (string[] Words, double Value)[] SpecialCases =
    [
        (["the", "shit"], 3),
        (["the", "bomb"], 3),
        (["bad", "ass"], 1.5),
        (["bus", "stop"], 0.0),
        (["yeah", "right"], -2),
        (["kiss", "of", "death"], -1.5),
        (["to", "die", "for"], 3),
        (["beating", "heart"], 3.1),
        (["broken", "heart"], -2.9),
    ];

    private static FrozenDictionary<string, double> BuildBoosters()
    {
        string[] increments =
        [
            "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply",
            "effing", "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme",
            "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking", "frickin", "frigging",
            "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
            "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely",
            "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous",
            "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very",
        ];
        string[] decrements =
        [
            "almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little", "marginal", "marginally",
            "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly", "somewhat", "sorta",
            "sortof", "sort-of",
        ];
        var boosters = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var word in increments)
        {
            boosters[word] = BoosterIncrement;
        }

        foreach (var word in decrements)
        {
            boosters[word] = BoosterDecrement;
        }

        return boosters.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
