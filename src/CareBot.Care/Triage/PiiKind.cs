namespace CareBot.Care.Triage;

/// <summary>The kinds of personal data triage finds and masks.</summary>
public enum PiiKind
{
    Email,
    Phone,

    /// <summary>A payment card number (13-19 digits passing the Luhn check).</summary>
    Card,

    /// <summary>An order number as the cue file's pattern describes it.</summary>
    OrderNumber,

    Address,
}
