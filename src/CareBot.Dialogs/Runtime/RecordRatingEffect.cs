namespace CareBot.Dialogs.Runtime;

/// <summary>Record the customer's 1-5 satisfaction rating on the case.</summary>
public sealed record RecordRatingEffect(int Rating) : DialogEffect;
