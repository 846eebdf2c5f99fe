using Microsoft.Extensions.Options;

namespace CareBot.Care.Integrations;

/// <summary>
/// Checks one configured integration at start-up, naming the setting that is wrong. Names nobody configured are left
/// alone: their lookups fail and the dialog takes its fallback.
/// </summary>
internal sealed class IntegrationOptionsValidator(string integration) : IValidateOptions<IntegrationOptions>
{
    public ValidateOptionsResult Validate(string? name, IntegrationOptions options) =>
        name != integration || options.Problem(name) is not { } problem ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
}
