using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CareBot.Server.Tests.Hosting;

namespace CareBot.Server.Tests.Agents;

/// <summary>
/// Agent API bodies on a real Kestrel: over 64 KB is 413 before the body is parsed (declared length or chunked), and
/// text that is not valid Unicode (a lone surrogate, invalid UTF-8) is a 400, not a 500.
/// </summary>
public sealed class AgentBodyLimitTests
{
    private const string AgentKey = "key-of-ana-0123456789";
    private const string NotePath = "/api/cases/C-1/notes";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_64_KB_is_413_before_it_is_parsed(bool declaredLength)
    {
        await using var server = await StartAsync();
        // Not even JSON: a 400 would mean the body was parsed.
        var body = new string('x', 64 * 1024 + 1);

        using var response = await PostNoteAsync(server, Encoding.UTF8.GetBytes(body), declaredLength);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "BodyTooLarge");
    }

    [Fact]
    public async Task A_body_of_64_KB_is_read()
    {
        await using var server = await StartAsync();
        const string Json = "{\"text\":\"hello\"}";
        var body = Json[..^1] + new string(' ', 64 * 1024 - Json.Length) + "}";

        using var response = await PostNoteAsync(server, Encoding.UTF8.GetBytes(body), declaredLength: false);

        // Read and parsed: the case doesn't exist.
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_lone_surrogate_in_the_text_is_400()
    {
        await using var server = await StartAsync();

        using var response = await PostNoteAsync(server, Encoding.UTF8.GetBytes("{\"text\":\"broken \\ud800 text\"}"), declaredLength: true);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadText");
    }

    [Fact]
    public async Task Invalid_UTF8_in_the_text_is_400()
    {
        await using var server = await StartAsync();

        using var response = await PostNoteAsync(server, [.. "{\"text\":\"bad "u8, 0xC3, 0x28, .. "\"}"u8], declaredLength: true);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadText");
    }

    private static Task<CareBotTestServer> StartAsync() =>
        CareBotTestServer.StartAsync(settings: new Dictionary<string, string?> { ["Agents:ApiKeys:ana"] = AgentKey });

    private static Task<HttpResponseMessage> PostNoteAsync(CareBotTestServer server, byte[] body, bool declaredLength)
    {
        HttpContent content = declaredLength ? new ByteArrayContent(body) : new ChunkedContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, NotePath) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AgentKey);
        return server.Client.SendAsync(request);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal(code, json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary>A body without Content-Length: HttpClient sends it chunked.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
