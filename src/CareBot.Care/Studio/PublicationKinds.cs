namespace CareBot.Care.Studio;

/// <summary>How a version went live, and the audit actions of the studio.</summary>
public static class PublicationKinds
{
    /// <summary>A draft was published.</summary>
    public const string Publish = "publish";

    /// <summary>An older version was published again.</summary>
    public const string RollBack = "rollback";

    /// <summary>A setting was changed (audit only).</summary>
    public const string Settings = "settings";
}
