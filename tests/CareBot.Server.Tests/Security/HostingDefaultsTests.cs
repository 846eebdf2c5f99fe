using System.Net;
using System.Text;
using CareBot.Server.Composition;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.Security;

/// <summary>
/// What every response of the real server carries (security headers), and what the local-development defaults refuse:
/// foreign Host names (DNS rebinding) and proxied requests to the loopback-only Direct Line channel.
/// </summary>
public sealed class HostingDefaultsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/chat.js")]
    [InlineData("/healthz")]
    [InlineData("/api/cases")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        await using var server = await CareBotTestServer.StartAsync();

        using var response = await server.Client.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData(null, true)]          // CareBot's server-wide limit (about 2 MB)
    [InlineData("31457280", false)]   // Kestrel's own default, 30 MB, as before
    public async Task A_form_over_the_server_wide_body_limit_is_cut_off_unread(string? kestrelLimit, bool cutOff)
    {
        // The sign-in form has no body limit of its own: the framework reads the form for the antiforgery check. Past the
        // server-wide limit Kestrel stops reading, answers 400 and closes the connection; under it the form is read
        // whole and refused by the antiforgery check (400, connection kept).
        var settings = new Dictionary<string, string?>();
        if (kestrelLimit is not null)
        {
            settings[ServerServiceCollectionExtensions.MaxRequestBodySizeSetting] = kestrelLimit;
        }

        await using var server = await CareBotTestServer.StartAsync(settings: settings);
        using var body = new StringContent("UserName=ana&Password=" + new string('x', 3 * 1024 * 1024), Encoding.ASCII, "application/x-www-form-urlencoded");

        using var response = await server.Client.PostAsync("/agent/signin", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(cutOff, response.Headers.ConnectionClose == true);
    }

    [Fact]
    public async Task The_chat_page_has_no_inline_script_or_event_handler()
    {
        await using var server = await CareBotTestServer.StartAsync();

        var page = await server.Client.GetStringAsync("/");

        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", page);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", page);
        Assert.DoesNotContain("javascript:", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_auth_off_a_foreign_host_name_gets_400()
    {
        await using var server = await CareBotTestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = "evil.example";

        using var refused = await server.Client.SendAsync(request);
        using var local = await server.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task Configured_allowed_hosts_replace_the_loopback_default()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?> { ["AllowedHosts"] = "127.0.0.1;bot.example" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Host = "bot.example";

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    public async Task Without_a_Direct_Line_secret_a_proxied_token_request_is_refused(string header, string value)
    {
        await using var server = await CareBotTestServer.StartAsync();

        using var proxied = await PostChatTokenAsync(server, (header, value));
        using var direct = await PostChatTokenAsync(server);

        Assert.Equal(HttpStatusCode.Forbidden, proxied.StatusCode);
        Assert.Contains("LoopbackOnly", await proxied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
    }

    [Fact]
    public async Task Without_a_Direct_Line_secret_a_proxied_channel_request_is_refused()
    {
        await using var server = await CareBotTestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task With_a_Direct_Line_secret_a_proxied_token_request_is_served()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?> { ["DirectLine:Secret"] = "a-configured-secret" });

        using var response = await PostChatTokenAsync(server, ("X-Forwarded-For", "203.0.113.7"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<HttpResponseMessage> PostChatTokenAsync(CareBotTestServer server, (string Name, string Value)? header = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/chat/token") { Content = new StringContent("{\"public\":true}", Encoding.UTF8, "application/json") };
        if (header is { } h)
        {
            request.Headers.Add(h.Name, h.Value);
        }

        return server.Client.SendAsync(request);
    }
}
