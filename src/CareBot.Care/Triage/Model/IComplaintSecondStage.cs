namespace CareBot.Care.Triage.Model;

/// <summary>
/// A slower second opinion on complaint, asked only where the care model is unsure and no cue matched (opt-in, e.g.
/// the MiniLM embedding head of CareBot.Care.Embeddings, option <c>Triage:Embeddings:Enabled</c>). It lives behind this
/// interface so that CareBot.Care neither references nor loads its model unless it is enabled.
/// </summary>
public interface IComplaintSecondStage
{
    /// <summary>True when the care model's complaint probability falls in the band where this stage decides.</summary>
    bool Decides(double careModelProbability);

    /// <summary>Whether the text is a complaint, with a reason a person can read ("embedding head 0.93 ...").</summary>
    ComplaintOpinion Judge(string text, double careModelProbability, CancellationToken cancellationToken);
}
