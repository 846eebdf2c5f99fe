using System.Net.Http.Headers;
using System.Text;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Server.Tests.DirectLine;
using CareBot.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// A photo sent through the built-in Direct Line channel's upload, in the real server (care bot, SQLite): kept in the
/// database, linked in the case an agent reads, and served back from that link.
/// </summary>
public sealed class PhotoUploadTests
{
    // A real 1x1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_photo_sent_after_a_hand_off_is_linked_in_the_case_and_served_from_the_database()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?> { ["DirectLine:Secret"] = DirectLineServer.Secret });
        using var sam = await DirectLineCustomer.StartAsync(server.BaseAddress, "dl_sam", "Sam");
        await sam.SayAsync("I want to talk to a real person please", "I don't have one", "sam@example.com", "Wrong size delivered");

        using var form = new MultipartFormDataContent();
        var activity = new StringContent("""{"type":"message","text":"this is what came","from":{"id":"dl_sam","name":"Sam"}}""", Encoding.UTF8);
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(activity, "activity", "blob");
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "wrong-size.png");
        using var uploaded = await sam.Client.PostAsync($"/v3/directline/conversations/{sam.ConversationId}/upload?userId=dl_sam", form);

        Assert.Equal(200, (int)uploaded.StatusCode);
        var record = Assert.Single(await server.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(), CancellationToken.None));
        var line = record.Case.Transcript.Last(l => l.Author == CaseAuthor.Customer).Text;
        var match = System.Text.RegularExpressions.Regex.Match(line, @"^this is what came \[photo: wrong-size\.png (http://127\.0\.0\.1:\d+/v3/directline/attachments/[0-9a-f]{32})\]$");
        Assert.True(match.Success, line);
        using var anonymous = new HttpClient(); // the link is the key: an agent's browser or an img tag sends no token
        using var download = await anonymous.GetAsync(new Uri(match.Groups[1].Value));
        Assert.Equal(200, (int)download.StatusCode);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
    }
}
