namespace CareBot.Care.Triage.Model;

/// <summary>A second stage's verdict on complaint and the reason shown when it fires.</summary>
public sealed record ComplaintOpinion(bool Complaint, string Reason);
