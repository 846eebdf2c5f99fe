using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Email;

/// <summary>
/// Registers <see cref="IEmailSender"/>: SMTP when <c>Smtp:Host</c> is set, else the pickup folder. Configuration:
/// <code>
/// "Smtp": {
///   "Host": "smtp.example.com", "Port": 587, "Security": "StartTls",   // None | StartTls | SslOnConnect | Auto
///   "Username": "care", "Password": "...", "From": "Acme Care &lt;care@example.com&gt;",
///   "Timeout": "00:00:30", "PickupFolder": "data/mail-pickup"
/// }
/// </code>
/// </summary>
public static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddCareBotEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection(SmtpOptions.SectionName))
            .Validate(o => o.Port is > 0 and < 65536, "Smtp:Port must be 1-65535, e.g. 587.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "Smtp:Timeout must be positive, e.g. 00:00:30.")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Smtp:From must be one address, e.g. \"Acme Care <care@example.com>\".")
            .Validate(o => !string.IsNullOrWhiteSpace(o.PickupFolder), "Smtp:PickupFolder must not be empty; the default is data/mail-pickup.")
            .ValidateOnStart();
        services.TryAddSingleton<IEmailSender>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<SmtpOptions>>().Value.Host)
                ? ActivatorUtilities.CreateInstance<PickupFolderEmailSender>(sp)
                : ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp));
        return services;
    }
}
