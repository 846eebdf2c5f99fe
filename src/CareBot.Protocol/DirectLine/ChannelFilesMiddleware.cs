using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// Before the bot reads a message, copies the photos and PDFs the customer sent on a channel that serves them only to
/// the bot's token (Teams links them as <c>{serviceUrl}v3/attachments/{id}/views/{view}</c>) into the bot's file store,
/// and points each attachment at its copy: otherwise the case would link to a file an agent cannot open. Only links
/// under the activity's own serviceUrl are fetched, through the Connector (its trust check and token, as for a reply);
/// at most five per message, all within <see cref="ConnectorOptions.FileTimeout"/>, one at a time in the slots the chat
/// page's uploads use (<see cref="DirectLineOptions.MaxConcurrentUploads"/> files in memory at once, whoever sends them).
/// A file that is not a photo or a PDF, too large, slow or refused keeps the channel's link, is logged, and the turn goes
/// on. A redelivered activity may be copied twice; the store's retention removes the spare.
/// </summary>
internal sealed class ChannelFilesMiddleware(
    IServiceProvider services,
    DirectLineFileCopies copies,
    DirectLineChannel channel,
    IOptions<ConnectorOptions> options,
    ILogger<ChannelFilesMiddleware> logger) : ITurnMiddleware
{
    /// <summary>A transcript line describes five files at most; more are not copied either.</summary>
    private const int MaxFilesPerMessage = 5;

    /// <inheritdoc />
    public Task OnTurnAsync(TurnContext turnContext, Func<CancellationToken, Task> nextAsync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(nextAsync);
        var activity = turnContext.Activity;

        // Most turns carry no file: straight on, without an async step of their own.
        return options.Value.KeepFiles && copies.CanKeep && turnContext.Origin is { } origin && activity.Type == ActivityTypes.Message
            && activity.Attachments is { Count: > 0 } && activity.ServiceUrl is { } serviceUrl && activity.Conversation?.Id is { } conversationId
            ? KeepThenGoOnAsync(activity, serviceUrl, conversationId, origin, nextAsync, cancellationToken)
            : nextAsync(cancellationToken);
    }

    private async Task KeepThenGoOnAsync(
        Activity activity, string serviceUrl, string conversationId, string origin, Func<CancellationToken, Task> nextAsync, CancellationToken cancellationToken)
    {
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(options.Value.FileTimeout);
            IConnectorClient? connector = null; // resolved for a message with a channel file only: most turns need none
            foreach (var attachment in activity.Attachments!.Take(MaxFilesPerMessage))
            {
                if (ChannelAttachmentOf(serviceUrl, attachment.ContentUrl) is { } view)
                {
                    connector ??= services.GetRequiredService<IConnectorClient>();
                    await KeepAsync(connector, activity.ChannelId, serviceUrl, conversationId, attachment, view, origin, timeout.Token, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await nextAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The attachment and view ids of a link the channel serves under <paramref name="serviceUrl"/>
    /// (<c>{serviceUrl}v3/attachments/{id}/views/{view}</c>), or null for any other link (another host, a public URL,
    /// the chat page's own uploads).
    /// </summary>
    public static (string AttachmentId, string ViewId)? ChannelAttachmentOf(string serviceUrl, string? contentUrl)
    {
        if (contentUrl is null || !Uri.TryCreate(contentUrl, UriKind.Absolute, out var url) || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            return null;
        }

        var baseUrl = ServiceUrls.Normalize(serviceUrl);
        var link = url.GetLeftPart(UriPartial.Path);
        if (!link.StartsWith(baseUrl, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return link[baseUrl.Length..].Split('/') is ["v3", "attachments", { Length: > 0 } id, "views", { Length: > 0 } view]
            ? (Uri.UnescapeDataString(id), Uri.UnescapeDataString(view))
            : null;
    }

    private async Task KeepAsync(
        IConnectorClient connector,
        string? channelId, string serviceUrl, string conversationId, Attachment attachment, (string AttachmentId, string ViewId) view, string origin,
        CancellationToken timeout, CancellationToken cancellationToken)
    {
        var holdsSlot = false;
        try
        {
            await channel.UploadSlots.WaitAsync(timeout).ConfigureAwait(false);
            holdsSlot = true;
            var content = await connector.GetAttachmentAsync(serviceUrl, view.AttachmentId, view.ViewId, copies.MaxBytes, timeout).ConfigureAwait(false);
            var (copy, refusal) = await copies.KeepAsync(conversationId, content, cancellationToken).ConfigureAwait(false);
            if (copy is null)
            {
                ConnectorLog.FileNotKept(logger, LogSanitizer.Sanitize(channelId), refusal!);
                return;
            }

            attachment.ContentUrl = DirectLineUploadLinks.LinkOf(origin, copy.Id);
            attachment.ContentType = copy.ContentType;
            attachment.Name ??= copy.Name;
        }
        catch (ConnectorException failed)
        {
            var reason = failed.ErrorCode == ConnectorException.TooLargeCode ? "too large"
                : failed.StatusCode is { } status ? $"the channel answered {(int)status}"
                : "the download failed";
            ConnectorLog.FileNotKept(logger, LogSanitizer.Sanitize(channelId), reason);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ConnectorLog.FileNotKept(logger, LogSanitizer.Sanitize(channelId), holdsSlot ? "too slow" : "busy: many files arriving at once");
        }
        finally
        {
            if (holdsSlot)
            {
                channel.UploadSlots.Release();
            }
        }
    }
}
