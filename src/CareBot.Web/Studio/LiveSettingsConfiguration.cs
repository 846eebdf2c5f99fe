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

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Replaces the keys with the saved sections'; returns false (and changes nothing) when they are already applied.</summary>
    public bool Apply(IReadOnlyList<StoredSettings> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
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
            appliedSignature = signature;
        }

        OnReload();
        return true;
    }

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
