using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Meta.Graph;

/// <summary>
/// The three Graph API calls care needs: answer a comment in public (<c>POST /{comment-id}/comments</c>, Instagram
/// <c>/{comment-id}/replies</c>), the one Private Reply to a comment and the Send API (<c>POST /{page-id}/messages</c>).
/// The page token goes in the Authorization header, never in a URL (URLs end up in logs). A page Meta throttles pauses
/// here first (<see cref="MetaRateGate"/>). Failures throw <see cref="MetaGraphException"/> saying what they mean.
/// </summary>
public sealed class MetaGraphClient(HttpClient http, IOptions<MetaOptions> options, MetaRateGate gate, ILogger<MetaGraphClient> logger)
{
    /// <summary>A public answer under a comment; returns the new comment's id.</summary>
    public async Task<string?> ReplyToCommentAsync(MetaPlatform platform, MetaPageOptions page, string commentId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var edge = platform == MetaPlatform.Facebook ? "comments" : "replies";
        using var answer = await PostAsync(page, $"{Uri.EscapeDataString(commentId)}/{edge}", new { message = text }, cancellationToken).ConfigureAwait(false);
        return answer.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
    }

    /// <summary>The Private Reply: one message to whoever wrote the comment (or visitor post).</summary>
    public Task<MetaSendResult> PrivateReplyAsync(MetaPageOptions page, string commentId, string text, CancellationToken cancellationToken) =>
        SendAsync(page, new { recipient = new { comment_id = commentId }, message = new { text } }, cancellationToken);

    /// <summary>A message to a customer inside their 24-hour window (<c>messaging_type: RESPONSE</c>).</summary>
    public Task<MetaSendResult> SendMessageAsync(MetaPageOptions page, string scopedUserId, string text, CancellationToken cancellationToken) =>
        SendAsync(page, new { recipient = new { id = scopedUserId }, messaging_type = "RESPONSE", message = new { text } }, cancellationToken);

    private async Task<MetaSendResult> SendAsync(MetaPageOptions page, object body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        using var answer = await PostAsync(page, $"{Uri.EscapeDataString(page.PageId)}/messages", body, cancellationToken).ConfigureAwait(false);
        var root = answer.RootElement;
        return new MetaSendResult(
            root.TryGetProperty("recipient_id", out var recipient) ? recipient.GetString() : null,
            root.TryGetProperty("message_id", out var message) ? message.GetString() : null);
    }

    private async Task<JsonDocument> PostAsync(MetaPageOptions page, string path, object body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (gate.PausedUntil(page.PageId) is { } until)
        {
            throw new MetaGraphException($"Page {page.PageId} is paused by Meta's rate limits until {until:O}.", MetaGraphFailure.RateLimited);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.GraphBaseUrl, $"{settings.GraphVersion}/{path}"))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", page.AccessToken);

        HttpResponseMessage response;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RequestTimeout);
        try
        {
            response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new MetaGraphException($"The Graph API did not answer ({failure.GetType().Name}).", MetaGraphFailure.OutcomeUnknown, innerException: failure);
        }

        using (response)
        {
            if (MetaRateGate.PauseFrom(response.Headers, settings.RateLimitPause) is { } usagePause)
            {
                MetaLog.RateLimited(logger, page.PageId, null, gate.Pause(page.PageId, usagePause));
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonDocument? document = null;
            try
            {
                document = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
            }
            catch (JsonException)
            {
                document?.Dispose();
                document = null;
            }

            if (response.IsSuccessStatusCode && document is not null)
            {
                return document;
            }

            using (document)
            {
                throw Failure(page, response.StatusCode, document);
            }
        }
    }

    private MetaGraphException Failure(MetaPageOptions page, HttpStatusCode status, JsonDocument? document)
    {
        int? code = null, subcode = null;
        var message = "no error body";
        if (document is not null && document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var ci) ? ci : null;
            subcode = error.TryGetProperty("error_subcode", out var s) && s.TryGetInt32(out var si) ? si : null;
            message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : message;
        }

        var failure = MetaGraphException.Classify(status, code, subcode);
        switch (failure)
        {
            case MetaGraphFailure.RateLimited:
                MetaLog.RateLimited(logger, page.PageId, code, gate.Pause(page.PageId, options.Value.RateLimitPause));
                break;
            case MetaGraphFailure.TokenRejected:
                MetaLog.TokenRejected(logger, page.PageId, subcode);
                break;
        }

        return new MetaGraphException($"Graph API error {(int)status} (code {code}, subcode {subcode}): {message}", failure, status, code, subcode);
    }
}
