using CareBot.Care.Agents;

namespace CareBot.Web.Hosting;

/// <summary>
/// Section <c>AgentSignIn:Oidc</c>: optional single sign-on with OpenID Connect (Microsoft Entra ID, Keycloak, ...).
/// Off unless <see cref="Authority"/> is set. Whoever signs in must have an enabled console account with the same user
/// name: the account table decides queues (and the role, unless <see cref="RoleClaim"/> is set), so disabling an account
/// still ends the session.
/// <code>
/// "AgentSignIn": { "Oidc": { "Authority": "https://login.microsoftonline.com/{tenant}/v2.0", "ClientId": "…", "ClientSecret": "…",
///                            "RoleClaim": "roles", "Roles": { "Care.Supervisor": "supervisor", "Care.Admin": "admin" } } }
/// </code>
/// </summary>
public sealed class AgentOidcOptions
{
    public const string SectionName = "AgentSignIn:Oidc";

    /// <summary>The scheme name the OpenID Connect handler is registered under.</summary>
    public const string Scheme = "oidc";

    /// <summary>The identity provider's issuer URL (its discovery document is under <c>/.well-known/openid-configuration</c>). Default: none (single sign-on off).</summary>
    public string? Authority { get; set; }

    /// <summary>The application (client) id registered at the provider. Required with an authority.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret; leave empty for a public client (the code flow uses PKCE either way).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The token claim that holds the console user name. Default <c>preferred_username</c> (Entra ID: the UPN).</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    /// <summary>
    /// When the provider's user names carry a domain (<c>ana@contoso.com</c>), whether only the part before '@' names the
    /// console account. Default false.
    /// </summary>
    public bool StripDomain { get; set; }

    /// <summary>The sign-in page's button text. Default "Sign in with single sign-on".</summary>
    public string ButtonText { get; set; } = "Sign in with single sign-on";

    /// <summary>Whether the authority must be https (turn off only for a provider on this machine). Default true.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// The token claim that carries the person's roles or groups (Entra ID: <c>roles</c> or <c>groups</c>). When set, every
    /// single sign-on sets the console account's role from it (see <see cref="Roles"/>). Default: none (the role stays
    /// what <c>agents add</c> gave).
    /// </summary>
    public string? RoleClaim { get; set; }

    /// <summary>
    /// With <see cref="RoleClaim"/>: which claim values mean which console role (agent, supervisor, admin). The most
    /// powerful mapped value wins; a token with none of them signs in as an agent. Default: empty.
    /// </summary>
    public Dictionary<string, AgentRole> Roles { get; set; } = new(StringComparer.Ordinal);

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>What is wrong with the section, or null when it is usable (or single sign-on is off).</summary>
    public string? Problem()
    {
        if (!Enabled)
        {
            return null;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && (RequireHttpsMetadata || authority.Scheme != Uri.UriSchemeHttp)))
        {
            return "AgentSignIn:Oidc:Authority must be an https URL, e.g. https://login.microsoftonline.com/{tenant}/v2.0.";
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            return "AgentSignIn:Oidc:ClientId is required when AgentSignIn:Oidc:Authority is set.";
        }

        if (string.IsNullOrWhiteSpace(UserNameClaim))
        {
            return "AgentSignIn:Oidc:UserNameClaim must name a claim, e.g. preferred_username.";
        }

        if (!string.IsNullOrWhiteSpace(RoleClaim) && (Roles.Count == 0 || Roles.Values.Any(r => !Enum.IsDefined(r))))
        {
            return "AgentSignIn:Oidc:Roles must map values of the RoleClaim claim to agent, supervisor or admin, e.g. \"Roles\": { \"Care.Supervisor\": \"supervisor\" }.";
        }

        return null;
    }

    /// <summary>The console role the token's <see cref="RoleClaim"/> values give, or null when roles are not read from tokens.</summary>
    public AgentRole? RoleFrom(System.Security.Claims.ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (string.IsNullOrWhiteSpace(RoleClaim))
        {
            return null;
        }

        var mapped = principal.FindAll(RoleClaim).Select(c => Roles.TryGetValue(c.Value.Trim(), out var role) ? role : AgentRole.Agent);
        return mapped.DefaultIfEmpty(AgentRole.Agent).Max();
    }

    /// <summary>The console user name a signed-in identity maps to, or null when the token has none.</summary>
    public string? UserNameFrom(System.Security.Claims.ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var value = principal.FindFirst(UserNameClaim)?.Value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        return (StripDomain && at > 0 ? value[..at] : value).ToLowerInvariant();
    }
}
