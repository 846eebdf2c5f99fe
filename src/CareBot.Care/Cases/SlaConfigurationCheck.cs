using CareBot.Dialogs.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Cases;

/// <summary>
/// Checks the <c>Cases:Sla</c> section's shape, which the configuration binder skips silently: a priority written as
/// one value (<c>Cases:Sla:High=soon</c>), a misspelled priority (<c>Cases:Sla:Hihg</c>) or target
/// (<c>Cases:Sla:High:FirstRespons</c>) would otherwise leave the default targets in force without a word.
/// </summary>
public sealed class SlaConfigurationCheck(IConfiguration configuration) : IValidateOptions<CaseOptions>
{
    private static readonly string[] Targets = [nameof(SlaTarget.FirstResponse), nameof(SlaTarget.Resolution)];

    public ValidateOptionsResult Validate(string? name, CaseOptions options)
    {
        var problems = new List<string>();
        foreach (var priority in configuration.GetSection(CaseOptions.SectionName).GetSection("Sla").GetChildren())
        {
            if (!Enum.TryParse<Priority>(priority.Key, ignoreCase: true, out _) || int.TryParse(priority.Key, out _))
            {
                problems.Add($"{priority.Path}: not a priority; use {string.Join(", ", Enum.GetNames<Priority>())}.");
            }
            else if (priority.Value is not null && !priority.GetChildren().Any())
            {
                problems.Add($"{priority.Path}: '{priority.Value}' is not a target; set {priority.Path}:FirstResponse and {priority.Path}:Resolution, e.g. 01:00:00.");
            }
            else
            {
                problems.AddRange(priority.GetChildren()
                    .Where(t => !Targets.Contains(t.Key, StringComparer.OrdinalIgnoreCase))
                    .Select(t => $"{t.Path}: unknown SLA target; use FirstResponse or Resolution."));
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
