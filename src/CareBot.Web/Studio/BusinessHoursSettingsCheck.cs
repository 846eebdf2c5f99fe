using CareBot.Care.Bot;
using Microsoft.Extensions.Configuration;

namespace CareBot.Web.Studio;

/// <summary>The problems of candidate business hours (<c>CareBot:BusinessHours</c>), each naming its key.</summary>
internal static class BusinessHoursSettingsCheck
{
    public static IEnumerable<string> Problems(IConfigurationSection section)
    {
        var hours = new BusinessHoursOptions();
        section.Bind(hours);
        return hours.Problems();
    }
}
