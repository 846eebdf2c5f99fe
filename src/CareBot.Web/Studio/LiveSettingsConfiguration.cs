using System.Text;
using CareBot.Care.Settings;
using Microsoft.Extensions.Configuration;

namespace CareBot.Web.Studio;

/// <summary>
/// The configuration source (and its provider) of the settings admins save at <c>/admin/settings</c>. Added last, so its
/// keys win over appsettings.json, the environment and the command line; <see cref="Apply"/> replaces its keys and
/// raises the configuration's reload token, so every <c>IOptionsMonitor</c> (and the <c>IOptions</c> of the live
/// sections, see <see cref="LiveSettings"/>) reads the new values without a restart.
/// </summary>
public sealed class LiveSettingsConfiguration : ConfigurationProvider, IConfigurationSource
{
    private string appliedSignature = string.Empty;
    private HashSet<string> replacedLists = [];

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>
    /// Replaces the keys with the saved sections'; returns false (and changes nothing) when they are already applied.
    /// Under each of <paramref name="replacedLists"/> (paths such as <c>Notifications:QueueEmails</c>) the saved keys are
    /// the only children: the saved list replaces the configured one instead of merging with it key by key.
    /// </summary>
    public bool Apply(IReadOnlyList<StoredSettings> sections, IEnumerable<string> replacedLists)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(replacedLists);
        var signature = string.Join(";", sections.OrderBy(s => s.Section, StringComparer.OrdinalIgnoreCase).Select(s => s.Section + "@" + s.Version));
        lock (this)
        {
            if (signature == appliedSignature)
            {
                return false;
            }

            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var section in sections)
            {
                foreach (var (key, value) in Flatten(section.Section, section.Json))
                {
                    data[key] = value;
                }
            }

            Data = data;
            this.replacedLists = replacedLists.ToHashSet(StringComparer.OrdinalIgnoreCase);
            appliedSignature = signature;
        }

        OnReload();
        return true;
    }

    // Configuration asks every source in turn for a path's children, each adding to the keys of the sources before it;
    // this source comes last, so leaving out the earlier keys is what lets an admin remove a queue or a holiday that
    // appsettings.json defines (otherwise it would come back on every read).
    public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) =>
        parentPath is not null && replacedLists.Contains(parentPath)
            ? base.GetChildKeys([], parentPath)
            : base.GetChildKeys(earlierKeys, parentPath);

    /// <summary>A section's JSON as configuration keys (<c>Cases:Sla:High:FirstResponse</c>), as appsettings.json would give them.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Flatten(string section, string json)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(json);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var parsed = new ConfigurationBuilder().AddJsonStream(stream).Build();
        return parsed.AsEnumerable()
            .Where(kv => kv.Value is not null)
            .Select(kv => new KeyValuePair<string, string?>(section + ConfigurationPath.KeyDelimiter + kv.Key, kv.Value))
            .ToList();
    }
}
