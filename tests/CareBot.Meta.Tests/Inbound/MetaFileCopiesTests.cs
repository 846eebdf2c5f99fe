using System.Net;
using CareBot.Care.Bot;
using CareBot.Meta.Inbound;
using CareBot.Protocol.DirectLine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CareBot.Meta.Tests.Inbound;

/// <summary>
/// Copies of the files customers send in Messenger and Instagram: kept from Meta's CDN only, redirects included, only
/// photos and PDFs, within the store's bounds; anything else keeps Meta's link and is never fetched from elsewhere.
/// </summary>
public sealed class MetaFileCopiesTests : IDisposable
{
    private const string Origin = "https://bot.example";
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F'];

    private readonly StubCdn cdn = new();
    private readonly FileStore store = new();

    [Fact]
    public async Task A_photo_on_metas_cdn_is_copied_and_linked_on_the_origin_meta_called()
    {
        cdn.Files["https://scontent.xx.fbcdn.net/v/photo?oe=65F0"] = Jpeg;

        var kept = Assert.Single(await Copies().KeepAsync("dm-1", [Photo("https://scontent.xx.fbcdn.net/v/photo?oe=65F0")], Origin, CancellationToken.None));

        var copy = Assert.Single(store.Saved);
        Assert.Equal(Origin + DirectLineUploadLinks.PathOf(copy.Id), kept.Url);
        Assert.Equal("photo.jpg", kept.Name);
        Assert.Equal(("dm-1", "image/jpeg"), (copy.ConversationId, copy.ContentType));
        Assert.Equal(Jpeg, copy.Content);
        Assert.Equal("[photo: photo.jpg " + kept.Url + "]", AttachmentNote.Describe([kept]));
    }

    [Theory]
    [InlineData("https://evilfbcdn.net/photo.jpg")]          // not a subdomain of fbcdn.net
    [InlineData("https://fbcdn.net.evil.example/photo.jpg")]
    [InlineData("http://169.254.169.254/latest/meta-data")]  // what a forged link would be after
    [InlineData("ftp://scontent.xx.fbcdn.net/photo.jpg")]
    [InlineData("javascript:alert(1)")]
    [InlineData("not a link")]
    public async Task A_link_off_metas_hosts_is_never_fetched_and_stays_as_sent(string url)
    {
        var kept = Assert.Single(await Copies().KeepAsync("dm-1", [Photo(url)], Origin, CancellationToken.None));

        Assert.Equal(url, kept.Url);
        Assert.Empty(cdn.Requested);
        Assert.Empty(store.Saved);
    }

    [Fact]
    public async Task Redirects_are_followed_only_while_they_stay_on_metas_hosts()
    {
        cdn.Files["https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1"] = new Uri("https://scontent.cdninstagram.com/photo.jpg");
        cdn.Files["https://scontent.cdninstagram.com/photo.jpg"] = Jpeg;
        cdn.Files["https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=2"] = new Uri("http://10.0.0.5/admin");
        cdn.Files["https://lookaside.fbsbx.com/loop"] = new Uri("https://lookaside.fbsbx.com/loop");

        var kept = await Copies().KeepAsync("dm-1", [
            Photo("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1"),
            Photo("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=2"),
            Photo("https://lookaside.fbsbx.com/loop")], Origin, CancellationToken.None);

        Assert.StartsWith(Origin, kept[0].Url, StringComparison.Ordinal);
        Assert.Equal("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=2", kept[1].Url);
        Assert.Equal("https://lookaside.fbsbx.com/loop", kept[2].Url);
        Assert.DoesNotContain(cdn.Requested, url => url.Host == "10.0.0.5");
        Assert.Equal(4, cdn.Requested.Count(url => url.AbsolutePath == "/loop")); // the first request and three redirects
        Assert.Single(store.Saved);
    }

    [Theory]
    [InlineData(true)]   // Content-Length says so
    [InlineData(false)]  // no Content-Length: the download stops at the bound
    public async Task A_file_larger_than_the_stores_bound_is_not_copied(bool declared)
    {
        var large = new byte[2_000];
        Jpeg.CopyTo(large, 0);
        cdn.Files["https://scontent.xx.fbcdn.net/large.jpg"] = large;
        cdn.DeclareLength = declared;

        var kept = Assert.Single(await Copies(maxBytes: 1_000).KeepAsync("dm-1", [Photo("https://scontent.xx.fbcdn.net/large.jpg")], Origin, CancellationToken.None));

        Assert.Equal("https://scontent.xx.fbcdn.net/large.jpg", kept.Url);
        Assert.Empty(store.Saved);
    }

    [Theory]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>")]
    [InlineData("<html><script>alert(1)</script></html>")]
    [InlineData("RIFF....AVI LIST")] // a video: Meta's link stays
    public async Task Only_photos_and_pdfs_are_copied_whatever_the_cdn_calls_them(string content)
    {
        cdn.Files["https://scontent.xx.fbcdn.net/f"] = System.Text.Encoding.ASCII.GetBytes(content);

        var kept = Assert.Single(await Copies().KeepAsync("dm-1", [Photo("https://scontent.xx.fbcdn.net/f")], Origin, CancellationToken.None));

        Assert.Equal("https://scontent.xx.fbcdn.net/f", kept.Url);
        Assert.Empty(store.Saved);
    }

    [Fact]
    public async Task A_failed_slow_or_refused_copy_keeps_metas_link_and_the_turn_goes_on()
    {
        cdn.Files["https://scontent.xx.fbcdn.net/gone"] = HttpStatusCode.NotFound;
        cdn.Files["https://scontent.xx.fbcdn.net/slow"] = TimeSpan.FromSeconds(30);
        cdn.Files["https://scontent.xx.fbcdn.net/ok.jpg"] = Jpeg;
        store.Answer = DirectLineUploadOutcome.StorageFull;

        // The store refuses the first (full), the second is gone, the third passes the message's time bound.
        var kept = await Copies(timeout: TimeSpan.FromMilliseconds(500)).KeepAsync("dm-1", [
            Photo("https://scontent.xx.fbcdn.net/ok.jpg"), Photo("https://scontent.xx.fbcdn.net/gone"), Photo("https://scontent.xx.fbcdn.net/slow")],
            Origin, CancellationToken.None);

        Assert.Equal(["https://scontent.xx.fbcdn.net/ok.jpg", "https://scontent.xx.fbcdn.net/gone", "https://scontent.xx.fbcdn.net/slow"], kept.Select(k => k.Url));
        Assert.Equal(3, cdn.Requested.Count);
    }

    [Fact]
    public async Task Nothing_is_fetched_when_keeping_files_is_off_or_the_origin_is_unknown()
    {
        cdn.Files["https://scontent.xx.fbcdn.net/ok.jpg"] = Jpeg;

        await Copies(keepFiles: false).KeepAsync("dm-1", [Photo("https://scontent.xx.fbcdn.net/ok.jpg")], Origin, CancellationToken.None);
        await Copies().KeepAsync("dm-1", [Photo("https://scontent.xx.fbcdn.net/ok.jpg")], origin: null, CancellationToken.None);

        Assert.Empty(cdn.Requested);
    }

    public void Dispose() => cdn.Dispose();

    private static SentAttachment Photo(string url) => new("image", null, url);

    private MetaFileCopies Copies(int maxBytes = 10_000, TimeSpan? timeout = null, bool keepFiles = true)
    {
        var meta = new MetaOptions { KeepFiles = keepFiles, FileTimeout = timeout ?? TimeSpan.FromSeconds(5) };
        var limits = new DirectLineOptions { MaxUploadBytes = maxBytes };
        return new MetaFileCopies(
            new HttpClient(cdn, disposeHandler: false), Options.Create(meta), new DirectLineFileCopies(Options.Create(limits), TimeProvider.System, store), NullLogger<MetaFileCopies>.Instance);
    }

    /// <summary>Meta's CDN: bytes, a redirect (Uri), a status, or a delay (TimeSpan) per link.</summary>
    private sealed class StubCdn : HttpMessageHandler
    {
        public Dictionary<string, object> Files { get; } = new(StringComparer.Ordinal);

        public List<Uri> Requested { get; } = [];

        public bool DeclareLength { get; set; } = true;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requested.Add(request.RequestUri!);
            switch (Files.GetValueOrDefault(request.RequestUri!.AbsoluteUri))
            {
                case byte[] bytes:
                    var content = DeclareLength ? new ByteArrayContent(bytes) : (HttpContent)new StreamContent(new UnknownLengthStream(bytes));
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
                case Uri next:
                    return new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = next } };
                case HttpStatusCode status:
                    return new HttpResponseMessage(status);
                case TimeSpan delay:
                    await Task.Delay(delay, cancellationToken);
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Jpeg) };
                default:
                    return new HttpResponseMessage(HttpStatusCode.NotFound);
            }
        }
    }

    /// <summary>A body whose length the client cannot know in advance.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    private sealed class FileStore : IDirectLineUploadStore
    {
        public List<DirectLineUpload> Saved { get; } = [];

        public DirectLineUploadOutcome Answer { get; set; } = DirectLineUploadOutcome.Saved;

        public Task<DirectLineUploadOutcome> SaveAsync(IReadOnlyList<DirectLineUpload> files, DirectLineUploadLimits limits, CancellationToken cancellationToken)
        {
            if (Answer == DirectLineUploadOutcome.Saved)
            {
                Saved.AddRange(files);
            }

            return Task.FromResult(Answer);
        }

        public Task<DirectLineUpload?> FindAsync(string id, CancellationToken cancellationToken) =>
            Task.FromResult(Saved.FirstOrDefault(f => f.Id == id));
    }
}
