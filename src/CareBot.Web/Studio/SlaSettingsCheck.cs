using System.Globalization;
using CareBot.Dialogs.Model;
using Microsoft.Extensions.Configuration;

namespace CareBot.Web.Studio;

/// <summary>
/// What the configuration binder does not say about <c>Cases:Sla</c>: it skips an entry whose priority or duration it
/// cannot read, so the default would apply without a word. A live save is refused instead, naming the key.
/// </summary>
internal static class SlaSettingsCheck
{
    public static IEnumerable<string> Problems(IConfigurationSection cases)
    {
        foreach (var entry in cases.GetSection("Sla").GetChildren())
        {
            if (!Enum.TryParse<Priority>(entry.Key, ignoreCase: true, out _) || int.TryParse(entry.Key, CultureInfo.InvariantCulture, out _))
            {
                yield return $"{entry.Path}: '{entry.Key}' is not a priority; use Urgent, High, Normal or Low.";
                continue;
            }

            foreach (var field in entry.GetChildren())
            {
                if (field.Value is { } text && !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out _))
                {
                    yield return $"{field.Path}: '{text}' is not a duration; write hh:mm:ss or d.hh:mm:ss, e.g. 00:15:00.";
                }
            }
        }
    }
}
