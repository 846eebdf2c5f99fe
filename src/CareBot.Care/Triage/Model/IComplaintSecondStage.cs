namespace CareBot.Care.Triage.Model;

/// <summary>
/// A slower second opinion on complaint, asked only where the care model is unsure and no cue matched (e.g. the MiniLM
/// embedding head of CareBot.Care.Embeddings, option <c>Triage:Embeddings:Enabled</c>). It lives behind this interface
/// so that CareBot.Care neither references nor loads its model unless it is enabled.
/// </summary>
public interface IComplaintSecondStage
{
    /// <summary>True when this stage decides the text: the care model's complaint probability falls in its band.</summary>
    bool Decides(string text, double careModelProbability);

    /// <summary>
    /// Whether the text is a complaint, with a reason a person can read ("embedding head 0.93 ..."); null when the stage
    /// cannot judge now (its model failed to load, or it is too busy), and the care model decides as if it were not there.
    /// </summary>
    ComplaintOpinion? Judge(string text, double careModelProbability, CancellationToken cancellationToken);
}
