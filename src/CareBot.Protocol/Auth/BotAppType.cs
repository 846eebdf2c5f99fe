namespace CareBot.Protocol.Auth;

/// <summary>The kind of Entra app registration behind the bot (configuration key <c>MicrosoftAppType</c>).</summary>
public enum BotAppType
{
    /// <summary>Legacy multi-tenant bot: outbound tokens from the <c>botframework.com</c> tenant. The SDK's default.</summary>
    MultiTenant = 0,

    /// <summary>Single-tenant bot (the default for new Azure Bots): outbound tokens from <c>MicrosoftAppTenantId</c>.</summary>
    SingleTenant,

    /// <summary>User-assigned managed identity. Not supported by CareBot yet: start-up fails with a clear message.</summary>
    UserAssignedMSI,
}
