using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CareBot.Protocol.Schema;
using CareBot.Testing.Turns;

namespace CareBot.Protocol.Tests.DirectLine;

/// <summary>
/// <c>POST .../upload</c> as Web Chat sends it (multipart: an <c>activity</c> part and one part per file) and the
/// <c>GET /v3/directline/attachments/{id}</c> link it gives the files, with the refusals an attacker meets.
/// </summary>
public sealed class DirectLineUploadTests
{
    // A real 1x1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    [Fact]
    public async Task A_photo_sent_the_way_Web_Chat_sends_it_is_kept_linked_in_the_echo_and_reaches_the_bot()
    {
        var seen = new ConcurrentQueue<Activity>();
        var store = new MemoryUploadStore();
        await using var host = await DirectLineHost.StartAsync(Recording(seen), uploads: store);
        var (conversationId, token, _) = await host.StartConversationAsync("""{"user":{"id":"dl_user1"}}""");
        var activity = """
            {"type":"message","text":"it arrived broken","from":{"id":"dl_user1","name":"Sam","role":"user"},
             "channelData":{"clientActivityID":"client-7"},
             "attachments":[{"contentType":"image/png","name":"damage.png","thumbnailUrl":"data:image/jpeg;base64,AAAA"}]}
            """;

        var (status, body) = await UploadAsync(host, conversationId, token, activity, ("damage.png", "image/png", Png));
        var (activities, _) = await host.GetActivitiesAsync(conversationId, token);

        Assert.Equal(200, status);
        var echo = activities[0];
        Assert.Equal(body.GetProperty("id").GetString(), echo.GetProperty("id").GetString());
        Assert.Equal("it arrived broken", echo.GetProperty("text").GetString());
        Assert.Equal("client-7", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        var attachment = Assert.Single(echo.GetProperty("attachments").EnumerateArray());
        Assert.Equal("image/png", attachment.GetProperty("contentType").GetString());
        Assert.Equal("damage.png", attachment.GetProperty("name").GetString());
        var url = attachment.GetProperty("contentUrl").GetString()!;
        Assert.Equal(url, attachment.GetProperty("thumbnailUrl").GetString()); // the client's data: thumbnail is not kept
        Assert.Matches("^" + host.BaseAddress.ToString().TrimEnd('/') + "/v3/directline/attachments/[0-9a-f]{32}$", url);
        var heard = Assert.Single(seen, a => a.Type == ActivityTypes.Message);
        Assert.Equal(url, Assert.Single(heard.Attachments!).ContentUrl);
        Assert.Equal("dl_user1", heard.From!.Id);

        using var download = await host.Client.GetAsync(new Uri(url));
        Assert.Equal(200, (int)download.StatusCode);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("default-src 'none'; sandbox", Assert.Single(download.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Files_without_an_activity_part_come_from_the_userId_in_the_query_and_a_pdf_is_downloaded_not_shown()
    {
        var seen = new ConcurrentQueue<Activity>();
        await using var host = await DirectLineHost.StartAsync(Recording(seen), uploads: new MemoryUploadStore());
        var (conversationId, _, _) = await host.StartConversationAsync();

        var (status, _) = await UploadAsync(host, conversationId, DirectLineHost.Secret, null, ("invoice.pdf", "application/pdf", Pdf), ("box.png", "image/png", Png));

        Assert.Equal(200, status);
        var heard = Assert.Single(seen, a => a.Type == ActivityTypes.Message);
        Assert.Equal("dl_user1", heard.From!.Id);
        Assert.Equal(["application/pdf", "image/png"], heard.Attachments!.Select(a => a.ContentType));
        Assert.Null(heard.Attachments![0].ThumbnailUrl);
        using var pdf = await host.Client.GetAsync(new Uri(heard.Attachments![0].ContentUrl!));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("invoice.pdf", pdf.Content.Headers.ContentDisposition.FileNameStar);
    }

    [Fact]
    public async Task A_file_that_only_claims_to_be_a_photo_is_refused_and_nothing_is_kept_or_delivered()
    {
        var seen = new ConcurrentQueue<Activity>();
        var store = new MemoryUploadStore();
        await using var host = await DirectLineHost.StartAsync(Recording(seen), uploads: store);
        var (conversationId, token, _) = await host.StartConversationAsync("""{"user":{"id":"dl_user1"}}""");
        var page = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");

        var (status, body) = await UploadAsync(host, conversationId, token, null, ("cute.png", "image/png", Png), ("photo.png", "image/png", page));
        var (activities, _) = await host.GetActivitiesAsync(conversationId, token);

        Assert.Equal(415, status);
        Assert.Equal("UnsupportedFile", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("'photo.png' is not a photo (PNG, JPEG, GIF or WebP) or a PDF", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(store.Files);
        Assert.Empty(activities);
        Assert.DoesNotContain(seen, a => a.Type == ActivityTypes.Message);
    }

    [Fact]
    public async Task Refusals_name_the_problem_without_keeping_anything()
    {
        var store = new MemoryUploadStore();
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?>
        {
            ["DirectLine:MaxUploadBytes"] = "4096",
            ["DirectLine:MaxUploadFiles"] = "2",
            ["DirectLine:UploadsPerClient"] = "100",
        }, store);
        var (conversationId, token, _) = await host.StartConversationAsync("""{"user":{"id":"dl_user1"}}""");
        var (otherConversation, otherToken, _) = await host.StartConversationAsync();
        var (wallId, wallToken, _) = await host.StartConversationAsync("""{"user":{"id":"dl_user1"},"carebot":{"public":true}}""");

        Assert.Equal((401, "MissingAuthorization"), await RefusalAsync(UploadAsync(host, conversationId, null, null, ("a.png", "image/png", Png))));
        Assert.Equal(403, (await UploadAsync(host, conversationId, otherToken, null, ("a.png", "image/png", Png))).Status);
        Assert.Equal((403, "PublicConversation"), await RefusalAsync(UploadAsync(host, wallId, wallToken, null, ("a.png", "image/png", Png))));
        Assert.Equal((413, "TooLarge"), await RefusalAsync(UploadAsync(host, conversationId, token, null, ("big.png", "image/png", [.. Png, .. new byte[8192]]))));
        Assert.Equal((400, "TooManyFiles"), await RefusalAsync(UploadAsync(host, conversationId, token, null,
            ("1.png", "image/png", Png), ("2.png", "image/png", Png), ("3.png", "image/png", Png))));
        Assert.Equal((400, "NoFiles"), await RefusalAsync(UploadAsync(host, conversationId, token, """{"type":"message","text":"hi"}""")));
        Assert.Equal((400, "BadArgument"), await RefusalAsync(UploadAsync(host, conversationId, token, """{"type":"typing"}""", ("a.png", "image/png", Png))));
        Assert.Equal((415, "UnsupportedMediaType"), await RefusalAsync(host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload", token, "{}")));
        Assert.Equal((400, "BadMultipart"), await RefusalAsync(RawUploadAsync(host, conversationId, token, "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nno end boundary")));
        Assert.Equal((404, "NotFound"), await RefusalAsync(UploadAsync(host, "no-such-conversation", DirectLineHost.Secret, null, ("a.png", "image/png", Png))));
        Assert.Equal((400, "MissingProperty"), await RefusalAsync(UploadFromNobodyAsync(host, otherConversation)));
        Assert.Empty(store.Files);
        Assert.Equal(200, (await UploadAsync(host, otherConversation, DirectLineHost.Secret, null, ("a.png", "image/png", Png))).Status);
    }

    [Fact]
    public async Task A_conversation_keeps_at_most_its_files_and_a_client_at_most_its_uploads_per_window()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?>
        {
            ["DirectLine:MaxUploadFiles"] = "1",
            ["DirectLine:MaxUploadsPerConversation"] = "1",
            ["DirectLine:UploadsPerClient"] = "3",
        }, new MemoryUploadStore());
        var (first, firstToken, _) = await host.StartConversationAsync("""{"user":{"id":"dl_user1"}}""");
        var (second, secondToken, _) = await host.StartConversationAsync("""{"user":{"id":"dl_user2"}}""");

        Assert.Equal(200, (await UploadAsync(host, first, firstToken, null, ("a.png", "image/png", Png))).Status);
        Assert.Equal((429, "TooManyFiles"), await RefusalAsync(UploadAsync(host, first, firstToken, null, ("b.png", "image/png", Png))));
        Assert.Equal(200, (await UploadAsync(host, second, secondToken, null, ("c.png", "image/png", Png))).Status);
        using var limited = await SendUploadAsync(host, second, secondToken, null, ("d.png", "image/png", Png));

        Assert.Equal(429, (int)limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many uploads", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_being_read_are_bounded_and_one_more_is_told_to_come_back()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo(), new Dictionary<string, string?> { ["DirectLine:MaxConcurrentUploads"] = "1" }, new MemoryUploadStore());
        var (conversationId, token, _) = await host.StartConversationAsync("""{"user":{"id":"dl_user1"}}""");
        var release = new TaskCompletionSource();
        using var slow = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload") { Content = new SlowUpload(release.Task) };
        slow.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var slowResponse = host.Client.SendAsync(slow);
        for (var tries = 0; host.Channel.UploadSlots.CurrentCount > 0; tries++)
        {
            Assert.True(tries < 200, "the slow upload never started");
            await Task.Delay(25);
        }

        using var busy = await SendUploadAsync(host, conversationId, token, null, ("b.png", "image/png", Png));
        release.SetResult();
        using var done = await slowResponse;

        Assert.Equal(429, (int)busy.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), busy.Headers.RetryAfter?.Delta);
        Assert.Contains("\"Busy\"", await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)done.StatusCode);
        for (var tries = 0; host.Channel.UploadSlots.CurrentCount == 0; tries++)
        {
            Assert.True(tries < 200, "the slot was never given back"); // the response can arrive just before the release
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task A_link_is_gone_after_the_retention_and_unknown_or_malformed_ids_are_404()
    {
        var seen = new ConcurrentQueue<Activity>();
        await using var host = await DirectLineHost.StartAsync(Recording(seen), new Dictionary<string, string?> { ["DirectLine:UploadRetention"] = "2.00:00:00" }, new MemoryUploadStore());
        var (conversationId, token, _) = await host.StartConversationAsync("""{"user":{"id":"dl_user1"}}""");
        await UploadAsync(host, conversationId, token, null, ("a.png", "image/png", Png));
        var url = new Uri(Assert.Single(seen, a => a.Type == ActivityTypes.Message).Attachments![0].ContentUrl!);

        using var kept = await host.Client.GetAsync(url);
        host.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        using var expired = await host.Client.GetAsync(url);
        using var unknown = await host.Client.GetAsync(new Uri("/v3/directline/attachments/" + new string('a', 32), UriKind.Relative));
        using var malformed = await host.Client.GetAsync(new Uri("/v3/directline/attachments/..%2F..%2Fetc%2Fpasswd", UriKind.Relative));

        Assert.Equal(200, (int)kept.StatusCode);
        Assert.Equal(404, (int)expired.StatusCode);
        Assert.Equal(404, (int)unknown.StatusCode);
        Assert.Equal(404, (int)malformed.StatusCode);
        Assert.Contains("no longer kept", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_upload_store_the_channel_says_it_takes_no_files()
    {
        await using var host = await DirectLineHost.StartAsync(DelegateBot.Echo());
        var (conversationId, token, _) = await host.StartConversationAsync("""{"user":{"id":"dl_user1"}}""");

        Assert.Equal((404, "UploadsUnavailable"), await RefusalAsync(UploadAsync(host, conversationId, token, null, ("a.png", "image/png", Png))));
    }

    private static DelegateBot Recording(ConcurrentQueue<Activity> seen) => new((turn, _) =>
    {
        seen.Enqueue(turn.Activity);
        return Task.CompletedTask;
    });

    private static async Task<(int Status, string? Code)> RefusalAsync(Task<(int Status, JsonElement Body)> call)
    {
        var (status, body) = await call;
        return (status, body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null);
    }

    private static async Task<(int Status, JsonElement Body)> UploadAsync(
        DirectLineHost host, string conversationId, string? credential, string? activityJson, params (string Name, string ContentType, byte[] Content)[] files)
    {
        using var response = await SendUploadAsync(host, conversationId, credential, activityJson, files);
        return await ReadAsync(response);
    }

    // The request DirectLineJS builds: an "activity" part typed application/vnd.microsoft.activity, then "file" parts.
    private static Task<HttpResponseMessage> SendUploadAsync(
        DirectLineHost host, string conversationId, string? credential, string? activityJson, params (string Name, string ContentType, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        if (activityJson is not null)
        {
            var activity = new StringContent(activityJson, Encoding.UTF8);
            activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
            form.Add(activity, "activity", "blob"); // a browser's FormData names a Blob part "blob"
        }

        foreach (var (name, contentType, content) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "file", name);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload?userId=dl_user1") { Content = form };
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        return host.Client.SendAsync(request);
    }

    // With the secret (no user in it), no userId in the query and no activity: nobody sends the photo.
    private static async Task<(int Status, JsonElement Body)> UploadFromNobodyAsync(DirectLineHost host, string conversationId)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "a.png" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DirectLineHost.Secret);
        using var response = await host.Client.SendAsync(request);
        return await ReadAsync(response);
    }

    private static async Task<(int Status, JsonElement Body)> RawUploadAsync(DirectLineHost host, string conversationId, string credential, string contentType, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        using var response = await host.Client.SendAsync(request);
        return await ReadAsync(response);
    }

    // A photo whose last bytes come only when the test says so: an upload the server is still reading.
    private sealed class SlowUpload : HttpContent
    {
        private readonly Task _release;

        public SlowUpload(Task release)
        {
            _release = release;
            Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=slow");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("--slow\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n"));
            await stream.WriteAsync(Png);
            await stream.FlushAsync();
            await _release;
            await stream.WriteAsync(Encoding.ASCII.GetBytes("\r\n--slow--\r\n"));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    private static async Task<(int Status, JsonElement Body)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
