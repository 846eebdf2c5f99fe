namespace CareBot.Care.Cases;

/// <summary>How soon a case of one priority must get a first agent response and be resolved.</summary>
public sealed class SlaTarget
{
    public TimeSpan FirstResponse { get; set; }

    public TimeSpan Resolution { get; set; }
}
