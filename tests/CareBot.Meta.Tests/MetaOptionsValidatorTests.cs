namespace CareBot.Meta.Tests;

public sealed class MetaOptionsValidatorTests
{
    private static MetaOptions Valid()
    {
        var options = new MetaOptions { AppSecret = "s3cret-value", VerifyToken = "v" };
        options.Pages.Add(new MetaPageOptions { PageId = "111", AccessToken = "token-value-never-shown" });
        return options;
    }

    [Fact]
    public void Nothing_configured_is_valid_and_off() => Assert.True(new MetaOptionsValidator().Validate(null, new MetaOptions()).Succeeded);

    [Fact]
    public void A_complete_configuration_is_valid() => Assert.True(new MetaOptionsValidator().Validate(null, Valid()).Succeeded);

    [Fact]
    public void A_page_without_a_token_is_named_by_its_setting_and_no_secret_is_shown()
    {
        var options = Valid();
        options.Pages.Add(new MetaPageOptions { PageId = "222", AccessToken = "" });

        var result = new MetaOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Meta:Pages:1:AccessToken", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("token-value-never-shown", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VerifyToken")]
    [InlineData("GraphVersion")]
    [InlineData("Pages")]
    public void A_missing_or_wrong_setting_is_named(string setting)
    {
        var options = Valid();
        switch (setting)
        {
            case "VerifyToken": options.VerifyToken = null; break;
            case "GraphVersion": options.GraphVersion = "23"; break;
            case "Pages": options.Pages.Clear(); break;
        }

        var result = new MetaOptionsValidator().Validate(null, options);

        Assert.Contains($"Meta:{setting}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://fbcdn.net", "Meta:FileHosts:0")]
    [InlineData("fbcdn.net/v", "Meta:FileHosts:0")]
    [InlineData("fbcdn.net:443", "Meta:FileHosts:0")]
    [InlineData(null, "Meta:FileTimeout")]
    [InlineData("", "Meta:ContactRetention")]
    public void A_file_host_that_is_not_a_host_name_a_zero_timeout_or_a_short_retention_is_named(string? host, string setting)
    {
        var options = Valid();
        if (host is null)
        {
            options.FileTimeout = TimeSpan.Zero;
        }
        else if (host.Length == 0)
        {
            options.ContactRetention = options.MessagingWindow; // forgetting a customer inside their 24-hour window
        }
        else
        {
            options.FileHosts.Add(host);
        }

        var result = new MetaOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Pages_without_the_app_secret_are_refused()
    {
        var options = Valid();
        options.AppSecret = null;

        Assert.Contains("Meta:AppSecret", new MetaOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }
}
