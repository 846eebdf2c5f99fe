using System.Text.Json;
using CareBot.Care.Bot;
using CareBot.Care.Delivery;
using CareBot.Care.Stores;
using CareBot.Dialogs.Runtime;
using CareBot.Meta.Delivery;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Meta.Inbound;

/// <summary>
/// Runs the care turn of a stored Meta event, in the outbox worker. A comment is a public turn of the same care dialog
/// (same triage, same script) in the comment's thread; a message is a private turn, in the conversation its Private
/// Reply opened when there was one (so it joins that case), else in a conversation of its own. Replies go into the
/// outbox in the turn's own commit, so a crash between the commit and the send loses nothing, and the event's id is
/// the turn's activity id, so a redelivered or re-claimed event runs once.
/// </summary>
internal sealed class MetaInbox(
    ConversationTurnRunner runner,
    ICaseStore cases,
    ITurnAnnotator annotator,
    MetaLedger ledger,
    MetaFileCopies files,
    IOptions<MetaOptions> options,
    IOptions<CareBotOptions> careOptions,
    TimeProvider time,
    ILogger<MetaInbox> logger) : IChannelInbox
{
    public bool Owns(OutboxMessage message) =>
        message?.IdempotencyKey.StartsWith(MetaEventKeys.Prefix, StringComparison.Ordinal) == true;

    public async Task<ConversationTurnOutcome?> ProcessAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var inbound = JsonSerializer.Deserialize<MetaInboundEvent>(message.PayloadJson, MetaJson.Options)
            ?? throw new JsonException($"Outbox message {message.Id} holds no Meta event.");
        if (options.Value.PageFor(inbound.AccountId) is null)
        {
            MetaLog.UnknownAccount(logger, inbound.AccountId);
            return null;
        }

        return inbound.Kind == MetaEventKind.Comment
            ? await OnCommentAsync(inbound, message.CreatedAt, cancellationToken).ConfigureAwait(false)
            : await OnMessageAsync(inbound, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ConversationTurnOutcome?> OnCommentAsync(MetaInboundEvent comment, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var address = new MetaAddress(comment.Platform, comment.AccountId, comment.Id);
        var reference = new ConversationReference
        {
            ChannelId = address.ChannelId,
            ServiceUrl = address.ToString(),
            ActivityId = comment.Id,
            Bot = new ChannelAccount(comment.AccountId, null),
            User = new ChannelAccount(comment.FromId, comment.FromName),
            Conversation = new ConversationAccount(MetaConversationIds.PublicThread(comment.ThreadId ?? comment.Id)) { IsGroup = true, ConversationType = "comment" },
        };

        // Kept for the Private Reply: its 7-day limit, and the public thread to offer email in if Meta refuses it.
        var createdAt = comment.CreatedAt == DateTimeOffset.UnixEpoch ? receivedAt : comment.CreatedAt;
        await ledger.SaveCommentAsync(comment.Id, new MetaLedger.CommentRecord(reference, createdAt), cancellationToken).ConfigureAwait(false);
        return await RunAsync(reference, comment, isPublic: true, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ConversationTurnOutcome?> OnMessageAsync(MetaInboundEvent message, CancellationToken cancellationToken)
    {
        // The customer wrote: their 24-hour window opens (or stays open) from this message.
        var contact = await ledger.ContactAsync(message.AccountId, message.FromId, cancellationToken).ConfigureAwait(false);
        var conversationId = contact?.ConversationId ?? MetaConversationIds.DirectMessages(message.FromId);
        var serviceUrl = contact?.ServiceUrl ?? new MetaAddress(message.Platform, message.AccountId, null).ToString();
        var last = contact?.LastCustomerMessageAt is { } earlier && earlier > message.CreatedAt ? earlier : message.CreatedAt;
        await ledger.SaveContactAsync(message.AccountId, message.FromId, new MetaLedger.ContactRecord(conversationId, serviceUrl, contact?.UserName, last), cancellationToken).ConfigureAwait(false);
        if (MetaConversationIds.PrivateReplyComment(conversationId) is { } commentId)
        {
            MetaLog.Linked(logger, conversationId, commentId);
        }

        var reference = new ConversationReference
        {
            ChannelId = MetaAddress.ChannelIdOf(message.Platform),
            ServiceUrl = serviceUrl,
            ActivityId = message.Id,
            Bot = new ChannelAccount(message.AccountId, null),
            User = new ChannelAccount(message.FromId, contact?.UserName),
            Conversation = new ConversationAccount(conversationId) { IsGroup = false, ConversationType = "personal" },
        };
        var outcome = await RunAsync(reference, message, isPublic: false, contact?.UserName, cancellationToken).ConfigureAwait(false);
        if (outcome is not null)
        {
            await ShowReplyWindowAsync(outcome, last + options.Value.MessagingWindow, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>The case the message went to shows until when it can be answered (the console shows it closing).</summary>
    private async Task ShowReplyWindowAsync(ConversationTurnOutcome outcome, DateTimeOffset closesAt, CancellationToken cancellationToken)
    {
        foreach (var caseId in outcome.CaseEvents.Select(e => e.CaseId).Distinct(StringComparer.Ordinal))
        {
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                if (await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false) is not { } record)
                {
                    break;
                }

                record.Case.ExtendReplyWindow(closesAt);
                try
                {
                    await cases.UpdateAsync(record.Case, record.Version, [], cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (CaseConflictException) when (attempt < 3)
                {
                    // An agent changed the case meanwhile: read it again.
                }
            }
        }
    }

    private async Task<ConversationTurnOutcome?> RunAsync(ConversationReference reference, MetaInboundEvent inbound, bool isPublic, string? knownName, CancellationToken cancellationToken)
    {
        // Meta's links expire: the case gets the links of CareBot's copies where they could be made.
        var note = inbound.Attachments is { Count: > 0 } sent
            ? AttachmentNote.Describe(await files.KeepAsync(reference.Conversation!.Id!, sent, inbound.Origin, cancellationToken).ConfigureAwait(false))
            : inbound.AttachmentNote;
        var (words, line) = AttachmentNote.Split(inbound.Text, note);
        var triage = words is null ? TriageAnnotations.None : await annotator.AnnotateAsync(words, cancellationToken).ConfigureAwait(false);
        triage = AttachmentNote.WithFilesSignal(triage, note);
        var input = Personalization.Personalize(TurnInput.Message(line ?? inbound.Text, isPublic, time.GetUtcNow(), triage), inbound.FromName ?? knownName, careOptions.Value);
        var turn = new ConversationTurn(reference, input)
        {
            ActivityId = "meta:" + inbound.Id,
            RepliesViaOutbox = true,
        };
        return await runner.RunAsync(turn, cancellationToken).ConfigureAwait(false);
    }
}
