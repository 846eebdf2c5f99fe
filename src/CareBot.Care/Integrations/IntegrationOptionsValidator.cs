using Microsoft.Extensions.Options;

namespace CareBot.Care.Integrations;

/// <summary>Checks each configured integration at start-up, naming the setting that is wrong.</summary>
internal sealed class IntegrationOptionsValidator : IValidateOptions<IntegrationOptions>
{
    public ValidateOptionsResult Validate(string? name, IntegrationOptions options) =>
        name is null || options.Problem(name) is not { } problem ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
}
