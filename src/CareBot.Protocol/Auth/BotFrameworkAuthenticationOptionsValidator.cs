using Microsoft.Extensions.Options;

namespace CareBot.Protocol.Auth;

/// <summary>Checks <see cref="BotFrameworkAuthenticationOptions"/> at start-up so a misconfigured bot fails fast.</summary>
public sealed class BotFrameworkAuthenticationOptionsValidator : IValidateOptions<BotFrameworkAuthenticationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BotFrameworkAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        if (!options.IsAuthenticationEnabled)
        {
            if (!string.IsNullOrEmpty(options.MicrosoftAppPassword))
            {
                errors.Add("MicrosoftAppPassword is set but MicrosoftAppId is empty: set MicrosoftAppId to turn "
                    + "authentication on, or remove the password to run with authentication off.");
            }
        }
        else
        {
            switch (options.MicrosoftAppType)
            {
                case BotAppType.UserAssignedMSI:
                    errors.Add("MicrosoftAppType 'UserAssignedMSI' is not supported by CareBot yet: use SingleTenant "
                        + "(or MultiTenant) with MicrosoftAppPassword set to a client secret.");
                    break;
                case BotAppType.SingleTenant when string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId):
                    errors.Add("MicrosoftAppType is SingleTenant but MicrosoftAppTenantId is empty: set it to the "
                        + "Directory (tenant) id of the bot's app registration.");
                    break;
                default:
                    break;
            }

            if (options.MicrosoftAppType != BotAppType.UserAssignedMSI && string.IsNullOrEmpty(options.MicrosoftAppPassword))
            {
                errors.Add($"MicrosoftAppId '{options.MicrosoftAppId}' is set but MicrosoftAppPassword is empty: set the "
                    + "app's client secret (or clear MicrosoftAppId to run locally with authentication off).");
            }
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromHours(1))
        {
            errors.Add($"{Key(nameof(options.ClockSkew))} '{options.ClockSkew}' must be between 00:00:00 and 01:00:00 "
                + "(the protocol uses 00:05:00).");
        }

        if (options.SigningKeyRefreshInterval <= TimeSpan.Zero || options.SigningKeyRefreshInterval > TimeSpan.FromHours(24))
        {
            errors.Add($"{Key(nameof(options.SigningKeyRefreshInterval))} '{options.SigningKeyRefreshInterval}' must be "
                + "positive and at most 1.00:00:00: signing keys must be fetched again at least every 24 hours.");
        }

        if (options.SigningKeyMinimumRefreshInterval < TimeSpan.Zero
            || options.SigningKeyMinimumRefreshInterval > options.SigningKeyRefreshInterval)
        {
            errors.Add($"{Key(nameof(options.SigningKeyMinimumRefreshInterval))} '{options.SigningKeyMinimumRefreshInterval}' "
                + $"must be between 00:00:00 and {Key(nameof(options.SigningKeyRefreshInterval))}.");
        }

        CheckMetadataUrl(options.ChannelOpenIdMetadataUrl, nameof(options.ChannelOpenIdMetadataUrl), errors);
        CheckMetadataUrl(options.EmulatorOpenIdMetadataUrl, nameof(options.EmulatorOpenIdMetadataUrl), errors);

        if (options.TokenAuthority is { } authority
            && (!authority.IsAbsoluteUri || authority.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{Key(nameof(options.TokenAuthority))} '{authority}' must be an absolute https URL such as "
                + "https://login.microsoftonline.com/<tenant id> (MSAL refuses other schemes).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckMetadataUrl(Uri? url, string property, List<string> errors)
    {
        if (url is null)
        {
            return;
        }

        // Signing keys fetched over plain http could be swapped by anyone on the path; loopback is allowed for tests.
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            errors.Add($"{Key(property)} '{url}' must be an absolute https URL (plain http only on a loopback host).");
        }
    }

    private static string Key(string property) => $"{BotFrameworkAuthenticationOptions.SectionName}:{property}";
}
