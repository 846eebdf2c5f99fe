using CareBot.Care.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Tests.Email;

public sealed class EmailServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCareBotEmail(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Without_an_smtp_host_emails_go_to_the_pickup_folder()
    {
        using var provider = Build([]);

        Assert.IsType<PickupFolderEmailSender>(provider.GetRequiredService<IEmailSender>());
        Assert.Equal("data/mail-pickup", provider.GetRequiredService<IOptions<SmtpOptions>>().Value.PickupFolder);
    }

    [Fact]
    public void With_an_smtp_host_emails_go_through_smtp_with_the_configured_security()
    {
        using var provider = Build(new() { ["Smtp:Host"] = "smtp.example.com", ["Smtp:Port"] = "465", ["Smtp:Security"] = "SslOnConnect" });

        Assert.IsType<SmtpEmailSender>(provider.GetRequiredService<IEmailSender>());
        Assert.Equal(SmtpSecurity.SslOnConnect, provider.GetRequiredService<IOptions<SmtpOptions>>().Value.Security);
    }

    [Fact]
    public void An_invalid_from_address_is_refused_with_an_example()
    {
        using var provider = Build(new() { ["Smtp:From"] = "not an address" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SmtpOptions>>().Value);

        Assert.Contains("Smtp:From", error.Message, StringComparison.Ordinal);
    }
}
