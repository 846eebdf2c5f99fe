using System.Net;
using CareBot.Care.Delivery;
using CareBot.Care.Stores;
using CareBot.Dialogs.Runtime;
using CareBot.Meta.Graph;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Meta.Delivery;

/// <summary>
/// A decorator of <see cref="IConnectorClient"/> (as the built-in Direct Line channel is one): calls addressed to a
/// <see cref="MetaAddress"/> go to the Graph API, every other serviceUrl to the decorated client unchanged. So the care
/// bot's outbox (public answers, the move to a private conversation, agents' replies, the rating question) reaches
/// Facebook and Instagram without knowing them:
/// <list type="bullet">
/// <item>a message into a public thread is a reply to the comment;</item>
/// <item>opening the private conversation checks the 7-day limit only: Meta's Private Reply needs the message itself,
/// so the private conversation's first message (the dialog's greeting) IS the Private Reply. Its attempt is recorded
/// before the call; an attempt whose outcome is unknown counts as sent, so the customer never gets two;</item>
/// <item>later messages go through the Send API to the customer's page-scoped id, inside the 24-hour window that their
/// last message opened; outside it the case's captured email address gets it instead, and without one nothing is
/// sent (the row is kept as a dead letter saying why) until they write.</item>
/// </list>
/// Graph failures become <see cref="ConnectorException"/>s the outbox understands: transient ones (rate limits, an
/// expired token, Meta's hiccups) are retried with backoff, the rest are not.
/// </summary>
internal sealed class MetaConnectorClient(
    IConnectorClient inner,
    MetaGraphClient graph,
    MetaLedger ledger,
    IOutboxStore outbox,
    MetaEmailRoute emailRoute,
    IOptions<MetaOptions> options,
    TimeProvider time,
    ILogger<MetaConnectorClient> logger) : IConnectorClient
{
    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        MetaAddress.TryParse(serviceUrl, out var address)
            ? SendAsync(address, conversationId, activity, cancellationToken)
            : inner.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken);

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        MetaAddress.TryParse(serviceUrl, out var address)
            ? SendAsync(address, conversationId, activity, cancellationToken)
            : inner.ReplyToActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        MetaAddress.IsMeta(serviceUrl)
            ? throw Unsupported("Updating a sent message")
            : inner.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);

    public Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        MetaAddress.IsMeta(serviceUrl)
            ? throw Unsupported("Deleting a sent message")
            : inner.DeleteActivityAsync(serviceUrl, conversationId, activityId, cancellationToken);

    public Task<IReadOnlyList<ChannelAccount>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken) =>
        MetaAddress.IsMeta(serviceUrl)
            ? Task.FromResult<IReadOnlyList<ChannelAccount>>([])
            : inner.GetConversationMembersAsync(serviceUrl, conversationId, cancellationToken);

    public Task<ChannelAccount> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken) =>
        MetaAddress.IsMeta(serviceUrl)
            ? throw Unsupported("Reading a member")
            : inner.GetConversationMemberAsync(serviceUrl, conversationId, memberId, cancellationToken);

    /// <summary>Meta's files are copied from its CDN when the message arrives (see MetaFileCopies), not through a Connector.</summary>
    public Task<byte[]> GetAttachmentAsync(string serviceUrl, string attachmentId, string viewId, int maxBytes, CancellationToken cancellationToken) =>
        MetaAddress.IsMeta(serviceUrl)
            ? throw Unsupported("Reading an attachment through the Connector")
            : inner.GetAttachmentAsync(serviceUrl, attachmentId, viewId, maxBytes, cancellationToken);

    /// <summary>The move to a private conversation: the Private Reply's conversation, if the comment is young enough.</summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        if (!MetaAddress.TryParse(serviceUrl, out var address))
        {
            return await inner.CreateConversationAsync(serviceUrl, parameters, cancellationToken).ConfigureAwait(false);
        }

        if (address.CommentId is not { } commentId)
        {
            throw new ConnectorException("A private conversation on Meta starts only from a comment (Private Reply).", HttpStatusCode.BadRequest, isTransient: false, "NoComment");
        }

        var comment = await ledger.CommentAsync(commentId, cancellationToken).ConfigureAwait(false);
        var window = options.Value.PrivateReplyWindow;
        if (comment is null || comment.CreatedAt + window <= time.GetUtcNow())
        {
            // The dispatcher answers a refused private conversation with the dialog's email route in public.
            MetaLog.PrivateReplyExpired(logger, commentId, window);
            throw new ConnectorException($"Comment {commentId} is older than Meta's Private Reply window.", HttpStatusCode.Forbidden, isTransient: false, "PrivateReplyExpired");
        }

        if (await ledger.PrivateReplyAsync(commentId, cancellationToken).ConfigureAwait(false) is { Status: MetaLedger.Refused })
        {
            throw new ConnectorException($"Meta refused the Private Reply to comment {commentId}.", HttpStatusCode.Forbidden, isTransient: false, "PrivateReplyRefused");
        }

        return new ConversationResourceResponse { Id = MetaConversationIds.PrivateReply(commentId), ServiceUrl = serviceUrl };
    }

    private async Task<ResourceResponse> SendAsync(MetaAddress address, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Type != ActivityTypes.Message || string.IsNullOrWhiteSpace(activity.Text))
        {
            return new ResourceResponse(activity.Id); // typing indicators, events: nothing to show on Meta
        }

        var page = options.Value.PageFor(address.AccountId)
            ?? throw new ConnectorException($"Meta account {address.AccountId} is not in Meta:Pages.", HttpStatusCode.NotFound, isTransient: false, "UnknownPage");
        try
        {
            if (MetaConversationIds.IsPublicThread(conversationId))
            {
                var target = address.CommentId ?? conversationId["comment:".Length..];
                return new ResourceResponse(await graph.ReplyToCommentAsync(address.Platform, page, target, activity.Text, cancellationToken).ConfigureAwait(false));
            }

            if (MetaConversationIds.PrivateReplyComment(conversationId) is { } commentId)
            {
                return await SendPrivatelyAsync(address, page, commentId, conversationId, activity.Text, activity.Id, cancellationToken).ConfigureAwait(false);
            }

            if (MetaConversationIds.DirectUser(conversationId) is { } user)
            {
                return await SendInWindowAsync(address, page, user, conversationId, activity.Text, activity.Id, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (MetaGraphException failure)
        {
            throw Connector(failure);
        }

        throw new ConnectorException($"'{conversationId}' is not a Meta conversation id.", HttpStatusCode.BadRequest, isTransient: false, "UnknownConversation");
    }

    /// <summary>The private conversation of a comment: its first message is the one Private Reply, the rest use the Send API.</summary>
    private async Task<ResourceResponse> SendPrivatelyAsync(MetaAddress address, MetaPageOptions page, string commentId, string conversationId, string text, string? activityId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!await ledger.TryClaimPrivateReplyAsync(commentId, now, cancellationToken).ConfigureAwait(false))
        {
            var earlier = await ledger.PrivateReplyAsync(commentId, cancellationToken).ConfigureAwait(false);
            if (earlier is { Status: MetaLedger.Sent, RecipientId: { } customer })
            {
                return await SendInWindowAsync(address, page, customer, conversationId, text, activityId, cancellationToken).ConfigureAwait(false);
            }

            // Attempted before and nobody knows whether it went out (a crash, a lost answer): it counts as sent.
            MetaLog.PrivateReplyOutcomeUnknown(logger, commentId);
            return new ResourceResponse(null);
        }

        MetaSendResult sent;
        try
        {
            sent = await graph.PrivateReplyAsync(page, commentId, text, cancellationToken).ConfigureAwait(false);
        }
        catch (MetaGraphException failure) when (failure.Failure is MetaGraphFailure.RateLimited or MetaGraphFailure.TokenRejected)
        {
            await ledger.ReleasePrivateReplyAsync(commentId, cancellationToken).ConfigureAwait(false); // certainly not sent: retry later
            throw;
        }
        catch (MetaGraphException failure) when (failure.Failure is MetaGraphFailure.NotAllowed or MetaGraphFailure.Permanent)
        {
            // Already replied, too old, not allowed: never again. The public thread offers the email route instead.
            MetaLog.PrivateReplyRefused(logger, commentId, failure.Code, failure.Subcode);
            await ledger.SavePrivateReplyAsync(commentId, new MetaLedger.PrivateReplyRecord(MetaLedger.Refused, null, now), cancellationToken).ConfigureAwait(false);
            await OfferEmailRouteAsync(commentId, cancellationToken).ConfigureAwait(false);
            return new ResourceResponse(null);
        }
        catch (MetaGraphException failure) when (failure.Failure is MetaGraphFailure.Transient or MetaGraphFailure.OutcomeUnknown)
        {
            // It may have gone out: the claim stays, so no retry sends a second one.
            MetaLog.PrivateReplyOutcomeUnknown(logger, commentId);
            return new ResourceResponse(null);
        }

        await ledger.SavePrivateReplyAsync(commentId, new MetaLedger.PrivateReplyRecord(MetaLedger.Sent, sent.RecipientId, now), cancellationToken).ConfigureAwait(false);
        if (sent.RecipientId is { } recipient)
        {
            // Their answer in Messenger / Instagram Direct comes from this id: it continues this conversation (and case).
            var existing = await ledger.ContactAsync(address.AccountId, recipient, cancellationToken).ConfigureAwait(false);
            var name = (await ledger.CommentAsync(commentId, cancellationToken).ConfigureAwait(false))?.Public.User?.Name ?? existing?.UserName;
            await ledger.SaveContactAsync(address.AccountId, recipient, new MetaLedger.ContactRecord(conversationId, address.ToString(), name, existing?.LastCustomerMessageAt), cancellationToken).ConfigureAwait(false);
        }

        MetaLog.PrivateReplySent(logger, commentId, address.Platform);
        return new ResourceResponse(sent.MessageId);
    }

    private async Task<ResourceResponse> SendInWindowAsync(MetaAddress address, MetaPageOptions page, string customer, string conversationId, string text, string? activityId, CancellationToken cancellationToken)
    {
        var contact = await ledger.ContactAsync(address.AccountId, customer, cancellationToken).ConfigureAwait(false);
        if (contact?.LastCustomerMessageAt is not { } last || last + options.Value.MessagingWindow <= time.GetUtcNow())
        {
            if (await emailRoute.TrySendAsync(address.ChannelId, conversationId, text, activityId, cancellationToken).ConfigureAwait(false))
            {
                return new ResourceResponse(null);
            }

            MetaLog.OutsideWindow(logger, conversationId, address.Platform);
            throw new ConnectorException(
                "Outside the customer's 24-hour messaging window on Meta: not sent; the case waits for the customer to write (or continues by email).",
                HttpStatusCode.Forbidden, isTransient: false, "OutsideMessagingWindow");
        }

        var sent = await graph.SendMessageAsync(page, customer, text, cancellationToken).ConfigureAwait(false);
        return new ResourceResponse(sent.MessageId);
    }

    /// <summary>The dialog's <c>offline.failed</c> route in the public thread (it asks for an email address there).</summary>
    private async Task OfferEmailRouteAsync(string commentId, CancellationToken cancellationToken)
    {
        if (await ledger.CommentAsync(commentId, cancellationToken).ConfigureAwait(false) is { } comment)
        {
            await outbox.EnqueueAsync(
                [OutboxPayloads.DialogEvent("meta/offline-failed/" + commentId, new DialogEventDelivery(comment.Public, DialogEvents.OfflineFailed, IsPublic: true))],
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static ConnectorException Connector(MetaGraphException failure) => new(
        failure.Message,
        failure.StatusCode,
        isTransient: failure.Failure is MetaGraphFailure.RateLimited or MetaGraphFailure.TokenRejected or MetaGraphFailure.Transient or MetaGraphFailure.OutcomeUnknown,
        failure.Code is { } code ? $"Meta{code}" : failure.Failure.ToString(),
        failure);

    private static ConnectorException Unsupported(string what) =>
        new($"{what} is not supported on Meta.", HttpStatusCode.MethodNotAllowed, isTransient: false, "NotSupportedOnMeta");
}
