using System.Security.Claims;
using CareBot.Web.Hosting;

namespace CareBot.Web.Tests;

/// <summary>The single sign-on section: off by default, refused when half filled, and how a token names the account.</summary>
public sealed class SingleSignOnOptionsTests
{
    [Fact]
    public void No_authority_means_no_single_sign_on_and_no_problem() =>
        Assert.Null(new AgentOidcOptions().Problem());

    [Theory]
    [InlineData("http://login.example.com", "console", true, "https")]
    [InlineData("not a url", "console", true, "https")]
    [InlineData("https://login.example.com/tenant/v2.0", "", true, "ClientId")]
    public void A_half_filled_section_names_what_is_missing(string authority, string clientId, bool requireHttps, string expected)
    {
        var options = new AgentOidcOptions { Authority = authority, ClientId = clientId, RequireHttpsMetadata = requireHttps };

        Assert.Contains(expected, options.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_provider_over_http_is_allowed_only_when_https_metadata_is_not_required() =>
        Assert.Null(new AgentOidcOptions { Authority = "http://127.0.0.1:5999", ClientId = "console", RequireHttpsMetadata = false }.Problem());

    [Theory]
    [InlineData(false, "Ana@Contoso.com", "ana@contoso.com")]
    [InlineData(true, "Ana@Contoso.com", "ana")]
    [InlineData(true, "  ", null)]
    public void The_user_name_comes_from_the_configured_claim_lower_case(bool stripDomain, string claim, string? expected)
    {
        var options = new AgentOidcOptions { StripDomain = stripDomain };
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("preferred_username", claim)], "oidc"));

        Assert.Equal(expected, options.UserNameFrom(principal));
    }
}
