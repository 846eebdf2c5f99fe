using CareBot.Dialogs.Runtime;

namespace CareBot.Care.Bot;

/// <summary>Fills in the dialog's <c>{user.name}</c> and <c>{brand.name}</c> for a turn, wherever the turn starts.</summary>
internal static class Personalization
{
    /// <summary>The customer's display name (null when the channel gives none), the configured brand and business hours.</summary>
    public static TurnInput Personalize(TurnInput input, string? customerName, CareBotOptions options) => input with
    {
        UserName = string.IsNullOrWhiteSpace(customerName) ? null : customerName,
        BrandName = options.BrandName,
        Schedule = options.BusinessHours?.ToSchedule(),
    };
}
