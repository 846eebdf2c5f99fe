namespace CareBot.Care.Triage;

/// <summary>Triages a customer message before the dialog sees it.</summary>
public interface ITriageService
{
    Task<TriageResult> TriageAsync(string text, CancellationToken cancellationToken);
}
