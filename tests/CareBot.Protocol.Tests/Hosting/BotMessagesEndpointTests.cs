using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Tests.Schema;
using CareBot.Protocol.Turns;
using CareBot.Testing.Hosting;
using CareBot.Testing.Turns;

namespace CareBot.Protocol.Tests.Hosting;

/// <summary>The endpoint over real HTTP, against a real Kestrel on 127.0.0.1 (TestServer doesn't enforce body limits).</summary>
public sealed class BotMessagesEndpointTests : IAsyncLifetime
{
    private readonly DelegateBot _bot;
    private KestrelBotHost _host = null!;
    private string? _seenCallerId;

    public BotMessagesEndpointTests()
    {
        _bot = new DelegateBot(async (turn, ct) =>
        {
            _seenCallerId = turn.Activity.CallerId;
            switch (turn.Activity.Type)
            {
                case ActivityTypes.Message when turn.Activity.Text == "fail":
                    throw new InvalidOperationException("secret detail");
                case ActivityTypes.Message:
                    await turn.SendActivityAsync("echo: " + turn.Activity.Text, ct);
                    break;
            }
        });
    }

    public async Task InitializeAsync() => _host = await KestrelBotHost.StartAsync(_bot);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static ByteArrayContent Json(string json, string contentType = "application/json") => Bytes(Encoding.UTF8.GetBytes(json), contentType);

    private static ByteArrayContent Bytes(byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private Task<HttpResponseMessage> PostAsync(HttpContent content, string? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return _host.Client.SendAsync(request);
    }

    private static async Task<string> ErrorCodeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = ActivityJson.Deserialize<ErrorResponse>(await response.Content.ReadAsStringAsync())!.Error!;
        Assert.False(string.IsNullOrEmpty(error.Message));
        return error.Code!;
    }

    private static string WebChatMessage(string? text = null, string? deliveryMode = null)
    {
        var activity = ActivityJson.Deserialize<Activity>(ChannelSamples.WebChatMessage)!;
        activity.Text = text ?? activity.Text;
        activity.DeliveryMode = deliveryMode;
        return ActivityJson.Serialize(activity);
    }

    [Fact]
    public async Task A_message_answers_200_and_the_reply_reaches_the_channel()
    {
        using var response = await PostAsync(Json(WebChatMessage()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var call = Assert.Single(_host.Connector.Calls);
        Assert.Equal(("reply", "https://webchat.botframework.com/", "8aF3kQ-us", "8aF3kQ-us|0000003"), (call.Operation, call.ServiceUrl, call.ConversationId, call.ActivityId));
        Assert.Equal("echo: my parcel never arrived", call.Activity!.Text);
        Assert.Null(_seenCallerId);
    }

    [Fact]
    public async Task ExpectReplies_answers_the_replies_in_the_body()
    {
        using var response = await PostAsync(Json(WebChatMessage("hello", DeliveryModes.ExpectReplies)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = ActivityJson.Deserialize<ExpectedReplies>(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("echo: hello", Assert.Single(replies.Activities).Text);
        Assert.Empty(_host.Connector.Calls);
    }

    [Fact]
    public async Task A_redelivered_activity_gets_the_same_answer_without_a_second_turn()
    {
        using var first = await PostAsync(Json(WebChatMessage("once", DeliveryModes.ExpectReplies)));
        using var retry = await PostAsync(Json(WebChatMessage("once", DeliveryModes.ExpectReplies)));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, _bot.Turns);
    }

    [Fact]
    public async Task An_unhandled_invoke_answers_501()
    {
        using var response = await PostAsync(Json(ChannelSamples.TeamsInvoke));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task A_bot_failure_answers_500_with_a_short_JSON_error_that_hides_the_exception()
    {
        using var response = await PostAsync(Json(WebChatMessage("fail")));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("BotError", await ErrorCodeAsync(response));
        Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task A_body_that_is_not_UTF8_JSON_by_content_type_gets_415(string contentType)
    {
        using var response = await PostAsync(Json(WebChatMessage(), contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UnsupportedMediaType", await ErrorCodeAsync(response));
        Assert.Equal(0, _bot.Turns);
    }

    [Fact]
    public async Task A_body_without_content_type_gets_415()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(WebChatMessage()));

        using var response = await PostAsync(content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/vnd.microsoft.activity+json")]
    public async Task JSON_content_types_are_accepted(string contentType)
    {
        using var response = await PostAsync(Json(WebChatMessage(), contentType));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_default_limit_with_Content_Length_gets_413()
    {
        using var response = await PostAsync(Json(WebChatMessage(new string('x', 300 * 1024))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PayloadTooLarge", await ErrorCodeAsync(response));
        Assert.Equal(0, _bot.Turns);
    }

    [Fact]
    public async Task A_chunked_body_over_the_default_limit_gets_413()
    {
        var body = Encoding.UTF8.GetBytes(WebChatMessage(new string('x', 300 * 1024)));

        using var response = await PostAsync(new ChunkedContent(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, _bot.Turns);
    }

    [Fact]
    public async Task A_large_body_under_the_limit_is_accepted_also_when_chunked()
    {
        using var response = await PostAsync(new ChunkedContent(Encoding.UTF8.GetBytes(WebChatMessage(new string('x', 200 * 1024)))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{ \"type\": \"message\", ", "InvalidJson")]
    [InlineData("{ 'type': 'message' }", "InvalidJson")]
    [InlineData("[ { \"type\": \"message\" } ]", "NotAnObject")]
    [InlineData("\"message\"", "NotAnObject")]
    [InlineData("null", "NotAnObject")]
    [InlineData("", "EmptyBody")]
    [InlineData("{ \"text\": \"no type\" }", "MissingType")]
    [InlineData("{ \"type\": \"\" }", "MissingType")]
    [InlineData("{ \"type\": \"   \" }", "MissingType")]
    [InlineData("{ \"type\": \"message\", \"timestamp\": 12 }", "InvalidActivity")]
    [InlineData("{ \"type\": \"message\", \"from\": [] }", "InvalidActivity")]
    [InlineData("{ \"type\": 42 }", "InvalidActivity")]
    [InlineData("{ \"type\": \"message\", \"text\": \"\\uD800\" }", "InvalidJson")]
    [InlineData("{ \"type\": \"message\", \"locale\": \"\\u00\" }", "InvalidJson")]
    public async Task Bad_input_gets_400_with_a_short_JSON_error(string body, string expectedCode)
    {
        using var response = await PostAsync(Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expectedCode, await ErrorCodeAsync(response));
        Assert.Equal(0, _bot.Turns);
    }

    [Fact]
    public async Task A_lone_surrogate_in_an_unknown_field_gets_400_not_500()
    {
        var body = "{\"type\":\"message\",\"id\":\"s1\",\"channelId\":\"test\",\"serviceUrl\":\"http://127.0.0.1:9/\",\"conversation\":{\"id\":\"c\"},\"x-odd\":\"\\uD800\",\"text\":\"hi\"}";

        using var response = await PostAsync(Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidJson", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Invalid_UTF8_gets_400()
    {
        var body = Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"AB\"}");
        body[^4] = 0xC3;
        body[^3] = 0x28;

        using var response = await PostAsync(Bytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidUtf8", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Nesting_deeper_than_64_gets_400()
    {
        var body = "{\"type\":\"message\",\"value\":" + new string('[', 100) + new string(']', 100) + "}";

        using var response = await PostAsync(Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("TooDeep", await ErrorCodeAsync(response));
    }

    [Theory]
    [InlineData(63, HttpStatusCode.OK)]
    [InlineData(64, HttpStatusCode.BadRequest)]
    public async Task Nesting_is_accepted_up_to_64_levels_counting_the_activity_itself(int arrays, HttpStatusCode expected)
    {
        var body = "{\"type\":\"event\",\"id\":\"deep\",\"channelId\":\"test\",\"serviceUrl\":\"http://127.0.0.1:9/\",\"from\":{\"id\":\"u\"},\"conversation\":{\"id\":\"c\"},\"value\":"
            + new string('[', arrays) + new string(']', arrays) + "}";

        using var response = await PostAsync(Json(body));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_byte_order_mark_is_tolerated()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(WebChatMessage())).ToArray();

        using var response = await PostAsync(Bytes(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task With_auth_on_a_request_without_a_token_gets_401_without_the_reason()
    {
        _host.Authenticator.RequireToken = true;

        using var response = await PostAsync(Json(WebChatMessage()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", await ErrorCodeAsync(response));
        Assert.DoesNotContain("Authorization header", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _bot.Turns);
    }

    [Fact]
    public async Task A_bad_token_gets_401()
    {
        using var response = await PostAsync(Json(WebChatMessage()), "Bearer forged");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("valid one", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _bot.Turns);
    }

    [Fact]
    public async Task A_valid_token_stamps_the_callerId_and_trusts_the_proven_serviceUrl()
    {
        _host.Authenticator.RequireToken = true;

        using var response = await PostAsync(Json(WebChatMessage()), "Bearer valid-test-token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CallerIdConstants.PublicAzureChannel, _seenCallerId);
        var trusted = (RecordingTrustedServiceUrls)_host.Services.GetService(typeof(CareBot.Protocol.Connector.ITrustedServiceUrls))!;
        Assert.Equal(["https://webchat.botframework.com/"], trusted.Trusted);
    }

    [Fact]
    public async Task Anonymous_requests_trust_nothing()
    {
        using var response = await PostAsync(Json(WebChatMessage()));

        var trusted = (RecordingTrustedServiceUrls)_host.Services.GetService(typeof(CareBot.Protocol.Connector.ITrustedServiceUrls))!;
        Assert.Empty(trusted.Trusted);
    }

    [Fact]
    public async Task The_authentication_failure_reason_is_logged()
    {
        using var response = await PostAsync(Json(WebChatMessage()), "Bearer forged");

        var entry = Assert.Single(_host.Logs.Entries, e => e.EventId == 1501);
        Assert.Contains("BadSignature", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_hangs_up_mid_body_is_not_an_error()
    {
        using (var socket = new System.Net.Sockets.TcpClient())
        {
            await socket.ConnectAsync(_host.BaseAddress.Host, _host.BaseAddress.Port);
            var stream = socket.GetStream();
            var head = "POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"type\":\"mess";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.FlushAsync();
        }

        // The server notices the hang-up on its own schedule; wait until the endpoint has logged it, boundedly.
        for (var i = 0; i < 500 && !_host.Logs.Entries.Any(e => e.EventId is 1500 or 1502); i++)
        {
            await Task.Delay(10);
        }

        Assert.Contains(_host.Logs.Entries, e => e.EventId is 1500 or 1502);
        Assert.DoesNotContain(_host.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Equal(0, _bot.Turns);
        using var next = await PostAsync(Json(WebChatMessage()));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task GET_gets_405()
    {
        using var response = await _host.Client.GetAsync(new Uri("/api/messages", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    /// <summary>Sends its body without Content-Length (Transfer-Encoding: chunked).</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _body;

        public ChunkedContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < _body.Length; offset += 8192)
            {
                await stream.WriteAsync(_body.AsMemory(offset, Math.Min(8192, _body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
