using System.Security.Claims;
using CareBot.Care.Agents;
using CareBot.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace CareBot.Web.Tests;

/// <summary>Roles from the single sign-on token's claims (AgentSignIn:Oidc:RoleClaim and Roles).</summary>
public sealed class SingleSignOnRoleTests
{
    private static readonly AgentOidcOptions Mapped = new()
    {
        Authority = "https://login.example.com/tenant/v2.0",
        ClientId = "console",
        RoleClaim = "roles",
        Roles = new(StringComparer.Ordinal) { ["Care.Supervisor"] = AgentRole.Supervisor, ["Care.Admin"] = AgentRole.Admin, ["Care.Agent"] = AgentRole.Agent },
    };

    private static ClaimsPrincipal Token(params string[] roles) =>
        new(new ClaimsIdentity([new Claim("preferred_username", "ana"), .. roles.Select(r => new Claim("roles", r))], "oidc"));

    [Theory]
    [InlineData(new string[0], AgentRole.Agent)]
    [InlineData(new[] { "Something.Else" }, AgentRole.Agent)]
    [InlineData(new[] { "Care.Agent", "Care.Supervisor" }, AgentRole.Supervisor)]
    [InlineData(new[] { "Care.Admin", "Care.Supervisor" }, AgentRole.Admin)]
    public void The_most_powerful_mapped_value_is_the_role_and_none_means_agent(string[] roles, AgentRole expected) =>
        Assert.Equal(expected, Mapped.RoleFrom(Token(roles)));

    [Fact]
    public void Without_a_role_claim_the_token_gives_no_role_and_a_claim_without_a_map_is_a_problem()
    {
        Assert.Null(new AgentOidcOptions().RoleFrom(Token("Care.Admin")));
        Assert.Null(Mapped.Problem());
        Assert.Contains("AgentSignIn:Oidc:Roles", new AgentOidcOptions { Authority = Mapped.Authority, ClientId = "console", RoleClaim = "roles" }.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_whose_token_says_supervisor_makes_the_stored_agent_account_a_supervisor()
    {
        var accounts = new Mock<IAgentAccountStore>();
        accounts.Setup(a => a.GetAsync("ana", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AgentAccount("ana", "Ana Lima", AgentRole.Agent, ["care"], false, "hash", 0, null, DateTimeOffset.UnixEpoch));
        accounts.Setup(a => a.SetRoleAsync("ana", AgentRole.Supervisor, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var context = Context(accounts.Object, Token("Care.Supervisor"));

        await AgentSingleSignOn.MapToAccountAsync(context, Mapped);

        accounts.Verify(a => a.SetRoleAsync("ana", AgentRole.Supervisor, It.IsAny<CancellationToken>()), Times.Once);
        Assert.True(context.Principal!.IsInRole("supervisor"));
    }

    [Fact]
    public async Task Without_a_role_claim_configured_the_stored_role_is_kept()
    {
        var accounts = new Mock<IAgentAccountStore>();
        accounts.Setup(a => a.GetAsync("ana", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AgentAccount("ana", "Ana Lima", AgentRole.Supervisor, ["care"], false, "hash", 0, null, DateTimeOffset.UnixEpoch));
        var context = Context(accounts.Object, Token("Care.Agent"));

        await AgentSingleSignOn.MapToAccountAsync(context, new AgentOidcOptions { Authority = Mapped.Authority, ClientId = "console" });

        accounts.Verify(a => a.SetRoleAsync(It.IsAny<string>(), It.IsAny<AgentRole>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.True(context.Principal!.IsInRole("supervisor"));
    }

    private static TokenValidatedContext Context(IAgentAccountStore accounts, ClaimsPrincipal principal)
    {
        var services = new ServiceCollection()
            .AddSingleton(accounts)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        var scheme = new AuthenticationScheme(AgentOidcOptions.Scheme, null, typeof(OpenIdConnectHandler));
        return new TokenValidatedContext(http, scheme, new OpenIdConnectOptions(), principal, new AuthenticationProperties());
    }
}
