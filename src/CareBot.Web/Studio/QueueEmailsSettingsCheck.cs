using CareBot.Care.Cases.Notifications;
using Microsoft.Extensions.Configuration;

namespace CareBot.Web.Studio;

/// <summary>
/// The queues and their notification addresses as a live section (<c>Notifications:QueueEmails</c>, queue → addresses)
/// and the problems of a candidate, each naming its key.
/// </summary>
internal static class QueueEmailsSettingsCheck
{
    public const string SectionName = NotificationOptions.SectionName + ":QueueEmails";

    public static IEnumerable<string> Problems(IConfigurationSection section)
    {
        var options = new NotificationOptions();
        foreach (var queue in section.GetChildren())
        {
            options.QueueEmails[queue.Key] = queue.Value ?? string.Empty;
        }

        return options.QueueEmailProblems();
    }
}
