using System.Text;
using CareBot.Protocol.Auth;

namespace CareBot.Protocol.Tests.Auth;

/// <summary>A token's header and claims are the caller's words: they reach the log only sanitized.</summary>
public sealed class HostileTokenLogTests : AuthenticatorTestBase
{
    [Fact]
    public async Task A_refused_tokens_issuer_and_key_id_cannot_forge_log_lines()
    {
        IChannelAuthenticator authenticator = CreateAuthenticator();
        string header = Base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\\r\\n2026-12-03 INFO admin signed in\"}");
        string payload = Base64Url("{\"iss\":\"https://evil.example\\n2026-12-03 WARN all keys rotated " + new string('x', 5000) + "\"}");

        await RefusalReasonAsync(authenticator, Bearer($"{header}.{payload}.c2ln"));

        var refusal = Assert.Single(Logs.Entries, e => e.EventId == 1101);
        Assert.DoesNotContain('\n', refusal.Message);
        Assert.DoesNotContain('\r', refusal.Message);
        Assert.Contains("k1\\u000D\\u000A2026-12-03 INFO admin signed in", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("https://evil.example\\u000A2026", refusal.Message, StringComparison.Ordinal);
        Assert.True(refusal.Message.Length < 3000, $"{refusal.Message.Length} characters logged");
    }

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
