using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareBot.Web.Studio;

/// <summary>
/// A configuration section admins may change without a restart, and how a candidate value is checked: bound to the
/// section's options class and run through the same validators as at start-up (<c>IValidateOptions</c>).
/// </summary>
public sealed class LiveSettingsSection
{
    private readonly Func<IServiceProvider, IConfiguration, IReadOnlyList<string>> validate;
    private readonly Func<string, IReadOnlyList<string>>? validateJson;

    private LiveSettingsSection(
        string name,
        string title,
        Func<IServiceProvider, IConfiguration, IReadOnlyList<string>> validate,
        Func<string, IReadOnlyList<string>>? validateJson = null,
        IReadOnlyList<string>? replacedLists = null)
    {
        Name = name;
        Title = title;
        ReplacedLists = replacedLists ?? [];
        this.validate = validate;
        this.validateJson = validateJson;
    }

    /// <summary>
    /// False for a section read from its saved JSON rather than from configuration (see <see cref="ReadFromJson"/>): its
    /// keys are not added to the configuration.
    /// </summary>
    public bool IsConfiguration => validateJson is null;

    /// <summary>The problems of a candidate section's JSON, for a section read from its JSON; none for the others.</summary>
    public IReadOnlyList<string> ValidateJson(string json) => validateJson?.Invoke(json) ?? [];

    /// <summary>
    /// A section its consumer reads from the saved JSON (not from configuration, e.g. a list that must replace the
    /// configured one instead of merging with it item by item), checked by <paramref name="validateJson"/>.
    /// </summary>
    public static LiveSettingsSection ReadFromJson(string name, string title, Func<string, IReadOnlyList<string>> validateJson) =>
        new(name, title, (_, _) => [], validateJson);

    /// <summary>
    /// The lists (configuration paths, e.g. <c>CareBot:BusinessHours:Holidays</c>) that a saved section replaces whole:
    /// an entry the admin removed stays removed even when appsettings.json has it.
    /// </summary>
    public IReadOnlyList<string> ReplacedLists { get; }

    /// <summary>The configuration section, e.g. <c>Cases</c>.</summary>
    public string Name { get; }

    /// <summary>What the settings page calls it, e.g. <c>SLA targets</c>.</summary>
    public string Title { get; }

    /// <summary>The problems of <paramref name="candidate"/>'s section (each naming the key), or none.</summary>
    public IReadOnlyList<string> Validate(IServiceProvider services, IConfiguration candidate) => validate(services, candidate);

    /// <summary>
    /// A section bound to <typeparamref name="TOptions"/>; <paramref name="readable"/> lists keys the binder would skip
    /// silently; <paramref name="replacedLists"/> as in <see cref="ReplacedLists"/>.
    /// </summary>
    public static LiveSettingsSection For<TOptions>(
        string name, string title, Func<IConfigurationSection, IEnumerable<string>>? readable = null, IReadOnlyList<string>? replacedLists = null)
        where TOptions : class, new() =>
        new(name, title, (services, candidate) =>
        {
            if (readable?.Invoke(candidate.GetSection(name)).ToList() is { Count: > 0 } unreadable)
            {
                return unreadable;
            }

            var value = new TOptions();
            try
            {
                candidate.GetSection(name).Bind(value);
            }
            catch (InvalidOperationException exception)
            {
                // The binder names the key and the value it could not convert, e.g. 'Cases:Sla:High:FirstResponse'.
                return [exception.Message];
            }

            var failures = new List<string>();
            foreach (var validator in services.GetServices<IValidateOptions<TOptions>>())
            {
                var result = validator.Validate(Options.DefaultName, value);
                if (result.Failed)
                {
                    failures.AddRange(result.Failures);
                }
            }

            return failures;
        },
        replacedLists: replacedLists);
}
