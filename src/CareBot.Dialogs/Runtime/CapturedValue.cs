using CareBot.Dialogs.Model;

namespace CareBot.Dialogs.Runtime;

/// <summary>A captured value with its type: the normalized text, plus the number or yes/no when the type has one.</summary>
/// <param name="Type">The capture type that accepted it.</param>
/// <param name="Text">The normalized text (email lower-cased, phone as + and digits, choice as its key...).</param>
/// <param name="Number">For number and rating captures.</param>
/// <param name="Flag">For yes/no captures.</param>
public sealed record CapturedValue(CaptureType Type, string Text, decimal? Number = null, bool? Flag = null)
{
    /// <summary>Whether this is personal data that must never be echoed in public.</summary>
    public bool IsPersonal => Type is CaptureType.Email or CaptureType.Phone or CaptureType.OrderNumber;
}
