namespace CareBot.Care.Stores;

/// <summary>How <see cref="ICaseStore.TryClaimAsync"/> went (the API maps them to 200, 409 and 404).</summary>
public enum CaseClaimOutcome
{
    Claimed,
    NotClaimable,
    NotFound,
}
