using CareBot.Care.Triage.Cues;
using CareBot.Care.Triage.Model;
using CareBot.Care.Triage.Sentiment;

namespace CareBot.Care.Triage;

/// <summary>
/// The running triage, whose cues can be replaced without a restart (a cue file published from <c>/admin/triage</c>,
/// here or on another instance): each message is triaged by the <see cref="TriageService"/> of the cues live when it
/// arrives; a replacement builds a new one and swaps it in, so a message never sees half of each.
/// </summary>
public sealed class LiveTriageService : ITriageService
{
    private readonly ISentimentAnalyzer analyzer;
    private readonly IComplaintSecondStage? secondStage;
    private readonly bool urgencyModel;
    private readonly CareModel model;
    private TriageService current;

    public LiveTriageService(ISentimentAnalyzer analyzer, TriageCues cues)
        : this(analyzer, cues, CareModel.Embedded, secondStage: null, urgencyModel: false)
    {
    }

    /// <param name="model">The care model, e.g. the shipped one moved to the deployment's share of complaints (<see cref="TriageOptions.ComplaintShare"/>).</param>
    /// <param name="secondStage">The optional heavier complaint model (MiniLM embeddings), kept across cue replacements.</param>
    /// <param name="urgencyModel">Whether urgency also fires on the care model's urgency head (<see cref="TriageOptions.UrgencyModel"/>).</param>
    public LiveTriageService(ISentimentAnalyzer analyzer, TriageCues cues, CareModel model, IComplaintSecondStage? secondStage, bool urgencyModel)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(model);
        this.analyzer = analyzer;
        this.model = model;
        this.secondStage = secondStage;
        this.urgencyModel = urgencyModel;
        current = Build(cues);
    }

    /// <summary>The cues in use now.</summary>
    public TriageCues Cues => Volatile.Read(ref current).Cues;

    /// <summary>The personal-data masker of the cues in use now (a published cue file changes its order-number pattern).</summary>
    public PiiMasker Masker => Volatile.Read(ref current).Masker;

    /// <summary>Makes <paramref name="cues"/> the cues of every message triaged from now on.</summary>
    public void Replace(TriageCues cues) => Volatile.Write(ref current, Build(cues));

    public Task<TriageResult> TriageAsync(string text, CancellationToken cancellationToken) =>
        Volatile.Read(ref current).TriageAsync(text, cancellationToken);

    private TriageService Build(TriageCues cues) => new(analyzer, cues, model, secondStage) { UrgencyModel = urgencyModel };
}
