using Microsoft.Extensions.Options;

namespace CareBot.Meta;

/// <summary>Checks section <c>Meta</c> at start-up, naming the setting at fault (never its secret value).</summary>
internal sealed class MetaOptionsValidator : IValidateOptions<MetaOptions>
{
    public ValidateOptionsResult Validate(string? name, MetaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return options.Pages.Count > 0
                ? ValidateOptionsResult.Fail("Meta:AppSecret is empty but Meta:Pages is set: set Meta:AppSecret (the Meta app's secret) to receive Facebook and Instagram webhooks, or remove Meta:Pages.")
                : ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.VerifyToken))
        {
            problems.Add("Meta:VerifyToken is empty: set the token you entered as the webhook's Verify Token in the Meta app dashboard.");
        }

        if (!options.GraphBaseUrl.IsAbsoluteUri || options.GraphBaseUrl.Scheme is not ("https" or "http"))
        {
            problems.Add($"Meta:GraphBaseUrl '{options.GraphBaseUrl}' is not an absolute http(s) address, e.g. https://graph.facebook.com.");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(options.GraphVersion ?? string.Empty, @"^v\d+\.\d+$"))
        {
            problems.Add($"Meta:GraphVersion '{options.GraphVersion}' is not a Graph API version, e.g. v23.0.");
        }

        if (options.Pages.Count == 0)
        {
            problems.Add("Meta:Pages is empty: add at least one page, e.g. Meta:Pages:0:PageId and Meta:Pages:0:AccessToken.");
        }

        for (var i = 0; i < options.Pages.Count; i++)
        {
            var page = options.Pages[i];
            if (string.IsNullOrWhiteSpace(page.PageId) || !page.PageId.All(char.IsAsciiDigit))
            {
                problems.Add($"Meta:Pages:{i}:PageId '{page.PageId}' is not a Page id (digits, from the Page's About section).");
            }

            if (string.IsNullOrWhiteSpace(page.AccessToken))
            {
                problems.Add($"Meta:Pages:{i}:AccessToken is empty: set the Page access token (from the environment, e.g. Meta__Pages__{i}__AccessToken).");
            }

            if (page.InstagramAccountId is { Length: > 0 } ig && !ig.All(char.IsAsciiDigit))
            {
                problems.Add($"Meta:Pages:{i}:InstagramAccountId '{ig}' is not an Instagram account id (digits).");
            }
        }

        if (options.MaxWebhookBytes is < 1024 or > 16 * 1024 * 1024)
        {
            problems.Add($"Meta:MaxWebhookBytes {options.MaxWebhookBytes} is outside 1024-16777216.");
        }

        if (options.PrivateReplyWindow <= TimeSpan.Zero || options.MessagingWindow <= TimeSpan.Zero || options.RateLimitPause <= TimeSpan.Zero || options.RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("Meta:PrivateReplyWindow, Meta:MessagingWindow, Meta:RateLimitPause and Meta:RequestTimeout must be positive, e.g. 7.00:00:00, 1.00:00:00, 00:05:00 and 00:00:30.");
        }

        if (options.ContactRetention <= options.MessagingWindow)
        {
            problems.Add($"Meta:ContactRetention {options.ContactRetention} must be longer than Meta:MessagingWindow {options.MessagingWindow}, e.g. 30.00:00:00.");
        }

        if (options.FileTimeout <= TimeSpan.Zero)
        {
            problems.Add("Meta:FileTimeout must be positive, e.g. 00:00:15.");
        }

        for (var i = 0; i < options.FileHosts.Count; i++)
        {
            if (Uri.CheckHostName(options.FileHosts[i]) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
            {
                problems.Add($"Meta:FileHosts:{i} '{options.FileHosts[i]}' is not a host name, e.g. fbcdn.net (no scheme, path or port).");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
