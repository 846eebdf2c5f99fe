using System.Net;
using CareBot.Care.Bot;
using CareBot.Protocol;
using CareBot.Protocol.DirectLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Meta.Inbound;

/// <summary>
/// Copies the photos and PDFs a customer sends in Messenger or Instagram into CareBot's file store as the event is
/// processed, because Meta's links to them expire within days and the case must still show the photo of the damage
/// weeks later. The copies share the chat page's store, link (<c>/v3/directline/attachments/{id}</c>, on the origin
/// Meta called) and bounds (<see cref="DirectLineOptions"/>: size, files per conversation, total, retention).
/// Who is fetched: only links on Meta's CDN hosts (<see cref="MetaOptions.FileHosts"/>), redirects included, from a
/// webhook delivery Meta signed. What is kept: only what the bytes show to be a photo or a PDF. Anything else (a video,
/// a file too large, slow, refused or past the store's bounds) keeps Meta's link, is logged by host, and the turn goes
/// on either way. A retried event may copy a file twice; the retention removes the spare.
/// </summary>
internal sealed class MetaFileCopies(
    HttpClient http,
    IOptions<MetaOptions> options,
    DirectLineFileCopies copies,
    ILogger<MetaFileCopies> logger)
{
    private const int MaxRedirects = 3;

    /// <summary>The attachments with the links of the copies made; those not copied keep Meta's links.</summary>
    public async Task<IReadOnlyList<SentAttachment>> KeepAsync(string conversationId, IReadOnlyList<SentAttachment> sent, string? origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (!options.Value.KeepFiles || !copies.CanKeep || origin is null)
        {
            return sent;
        }

        // One bound for the message's files together, well inside the outbox's lease on the event.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.FileTimeout);
        var kept = new List<SentAttachment>(sent.Count);
        foreach (var (file, i) in sent.Select((file, i) => (file, i)))
        {
            // The note describes the first few; the rest are only counted, so they are not copied either.
            var copy = i < AttachmentNote.MaxDescribed ? await CopyAsync(conversationId, file, timeout.Token, cancellationToken).ConfigureAwait(false) : null;
            kept.Add(copy is null ? file : file with { Name = copy.Name, Url = DirectLineUploadLinks.LinkOf(origin, copy.Id) });
        }

        return kept;
    }

    private async Task<DirectLineUpload?> CopyAsync(string conversationId, SentAttachment file, CancellationToken timeout, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(file.Url, UriKind.Absolute, out var url) || !IsMetaHost(url))
        {
            return null;
        }

        try
        {
            var (content, refusal) = await DownloadAsync(url, copies.MaxBytes, timeout).ConfigureAwait(false);
            var (copy, notKept) = content is null ? (null, refusal) : await copies.KeepAsync(conversationId, content, cancellationToken).ConfigureAwait(false);
            if (copy is null)
            {
                MetaLog.FileNotKept(logger, url.Host, notKept!);
            }

            return copy;
        }
        catch (Exception failed) when (failed is HttpRequestException or IOException || (failed is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            MetaLog.FileNotKept(logger, url.Host, failed is OperationCanceledException ? "too slow" : "the download failed");
            return null;
        }
    }

    // Follows Meta's redirects (lookaside.fbsbx.com sends on to a CDN host) only while they stay on Meta's hosts.
    private async Task<(byte[]? Content, string? Refusal)> DownloadAsync(Uri url, int maxBytes, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest && response.Headers.Location is { } next)
            {
                url = next.IsAbsoluteUri ? next : new Uri(url, next);
                if (hop == MaxRedirects || !IsMetaHost(url))
                {
                    return (null, hop == MaxRedirects ? "too many redirects" : "redirected off Meta's hosts");
                }

                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, $"HTTP {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return (null, "too large");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var content = await BoundedRead.AtMostAsync(body, maxBytes, cancellationToken).ConfigureAwait(false);
            return content is null ? (null, "too large") : (content, null);
        }
    }

    private bool IsMetaHost(Uri url)
    {
        IEnumerable<string> hosts = options.Value.FileHosts.Count > 0 ? options.Value.FileHosts : MetaOptions.DefaultFileHosts;
        return url.Scheme is "https" or "http"
            && hosts.Any(host => url.Host.Equals(host, StringComparison.OrdinalIgnoreCase) || url.Host.EndsWith("." + host, StringComparison.OrdinalIgnoreCase));
    }
}
