using CareBot.Care.Cases.Notifications;
using Microsoft.Extensions.Configuration;

namespace CareBot.Care.Tests.Cases.Notifications;

public sealed class NotificationOptionsTests
{
    [Fact]
    public void A_queue_with_its_own_address_uses_it()
    {
        var options = new NotificationOptions { AgentEmail = "agents@contoso.example" };
        options.QueueEmails["billing"] = "billing@contoso.example";

        Assert.Equal("billing@contoso.example", options.AgentAddressFor("billing"));
    }

    [Fact]
    public void A_queue_without_an_address_falls_back_to_the_agent_email()
    {
        var options = new NotificationOptions { AgentEmail = "agents@contoso.example" };
        options.QueueEmails["billing"] = "billing@contoso.example";

        Assert.Equal("agents@contoso.example", options.AgentAddressFor("returns"));
    }

    [Fact]
    public void Without_any_address_there_is_nobody_to_notify()
    {
        var options = new NotificationOptions();
        options.QueueEmails["billing"] = "  ";

        Assert.Null(options.AgentAddressFor("billing"));
        Assert.Null(options.AgentAddressFor("returns"));
    }

    [Fact]
    public void Queue_names_match_in_any_case_as_configuration_keys_do()
    {
        var options = new NotificationOptions();
        options.QueueEmails["Billing"] = "billing@contoso.example";

        Assert.Equal("billing@contoso.example", options.AgentAddressFor("billing"));
    }

    [Fact]
    public void The_section_binds_every_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Notifications:AgentEmail"] = "agents@contoso.example",
                ["Notifications:QueueEmails:billing"] = "billing@contoso.example",
                ["Notifications:ConsoleUrl"] = "https://care.contoso.example/agent/",
                ["Notifications:CustomerReplyTo"] = "care@contoso.example",
                ["Notifications:BrandName"] = "Fabrikam",
            })
            .Build();
        var options = new NotificationOptions();

        configuration.GetSection(NotificationOptions.SectionName).Bind(options);

        Assert.Equal("agents@contoso.example", options.AgentEmail);
        Assert.Equal("billing@contoso.example", options.AgentAddressFor("BILLING"));
        Assert.Equal("https://care.contoso.example/agent/", options.ConsoleUrl);
        Assert.Equal("care@contoso.example", options.CustomerReplyTo);
        Assert.Equal("Fabrikam", options.BrandName);
    }

    [Fact]
    public void Defaults_point_at_the_local_console_and_the_contoso_brand()
    {
        var options = new NotificationOptions();

        Assert.Null(options.AgentEmail);
        Assert.Null(options.CustomerReplyTo);
        Assert.Empty(options.QueueEmails);
        Assert.Equal("http://localhost:3978/agent", options.ConsoleUrl);
        Assert.Equal("Contoso", options.BrandName);
    }
}
