using System.Text.Json;
using CareBot.Care.Bot;
using CareBot.Care.Email;
using CareBot.Care.Stores;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Delivery;

/// <summary>
/// Delivers one claimed outbox message: an email through <see cref="IEmailSender"/>, an activity through the Connector,
/// a move to a private conversation (open the 1:1, continue the dialog there), or a dialog event. Throws when the
/// message could not be delivered; <see cref="OutboxProcessor"/> decides between retry and dead letter.
/// </summary>
/// <remarks>
/// Turns run here put their replies in the outbox in their own commit (they have no HTTP response to answer in), keyed
/// by the outbox message they came from: delivering the same message twice (a crash before it was marked sent) runs
/// the turn once and sends its replies once. Opening a 1:1 conversation is not idempotent on every channel, so its id
/// is saved as soon as the channel answers and reused by a redelivery; only a crash in the instant between the
/// channel's answer and that save can still open a second one.
/// </remarks>
public sealed class OutboxDispatcher(
    IEmailSender email,
    IStateStore states,
    IConnectorClient connector,
    ConversationTurnRunner runner,
    IEnumerable<IChannelInbox> channelInboxes,
    IOptions<CareBotOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>The outcomes of the dialog turns delivered messages ran (their case events go to the live feed).</summary>
    public async Task<ConversationTurnOutcome?> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message.Kind)
        {
            case OutboxKind.Email:
                await email.SendAsync(EmailOutbox.Read(message), cancellationToken).ConfigureAwait(false);
                return null;
            case OutboxKind.Activity:
                var delivery = OutboxPayloads.Read<ActivityDelivery>(message);
                var conversationId = delivery.Reference.Conversation?.Id ?? throw new JsonException($"Outbox message {message.Id} names no conversation.");
                await connector.SendToConversationAsync(delivery.Reference.ServiceUrl ?? string.Empty, conversationId, delivery.Activity, cancellationToken).ConfigureAwait(false);
                return null;
            case OutboxKind.TakeOffline:
                return await TakeOfflineAsync(message, OutboxPayloads.Read<TakeOfflineDelivery>(message), cancellationToken).ConfigureAwait(false);
            case OutboxKind.DialogEvent:
                var dialogEvent = OutboxPayloads.Read<DialogEventDelivery>(message);
                var input = TurnInput.ForEvent(dialogEvent.Event, dialogEvent.IsPublic, time.GetUtcNow());
                return await RunAsync(message, new ConversationTurn(dialogEvent.Reference, Personalization.Personalize(input, dialogEvent.Reference.User?.Name, options.Value)), cancellationToken).ConfigureAwait(false);
            case OutboxKind.ChannelEvent when channelInboxes.FirstOrDefault(inbox => inbox.Owns(message)) is { } inbox:
                return await inbox.ProcessAsync(message, cancellationToken).ConfigureAwait(false);
            default:
                throw new NotSupportedException($"Outbox message {message.Id} has kind {message.Kind}, which this version can't deliver.");
        }
    }

    private async Task<ConversationTurnOutcome?> TakeOfflineAsync(OutboxMessage message, TakeOfflineDelivery delivery, CancellationToken cancellationToken)
    {
        var post = delivery.Public;
        var openedKey = "opened/" + message.IdempotencyKey;
        string privateConversationId;
        if ((await states.ReadAsync([openedKey], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(openedKey) is { } opened)
        {
            privateConversationId = JsonSerializer.Deserialize<string>(opened.Utf8Json.Span)!; // an earlier attempt opened it: don't open a second one
        }
        else
        {
            try
            {
                // The serviceUrl is the public post's: the one the channel's token proved.
                var created = await connector.CreateConversationAsync(post.ServiceUrl ?? string.Empty, PrivateConversationFor(post), cancellationToken).ConfigureAwait(false);
                privateConversationId = string.IsNullOrEmpty(created.Id)
                    ? throw new ConnectorException("The channel created a conversation without an id.", null, isTransient: false)
                    : created.Id;
            }
            catch (ConnectorException refused) when (!refused.IsTransient)
            {
                // The channel can't (or won't) open 1:1 conversations: the dialog tells the customer how to reach us privately.
                DeliveryLog.PrivateConversationRefused(logger, post.ChannelId, (int?)refused.StatusCode, refused.ErrorCode);
                var failed = Personalization.Personalize(TurnInput.ForEvent(DialogEvents.OfflineFailed, isPublic: true, time.GetUtcNow()), delivery.UserName, options.Value);
                return await RunAsync(message, new ConversationTurn(post, failed), cancellationToken).ConfigureAwait(false);
            }

            await states.WriteAsync([new StateWrite(openedKey, JsonSerializer.SerializeToUtf8Bytes(privateConversationId), "*")], cancellationToken).ConfigureAwait(false);
        }

        // Continue the dialog in the private conversation, linked to the public post; its greeting goes out through the outbox.
        var privateReference = new ConversationReference
        {
            ChannelId = post.ChannelId,
            ServiceUrl = post.ServiceUrl,
            Bot = post.Bot,
            User = post.User,
            Conversation = new ConversationAccount(privateConversationId) { TenantId = post.Conversation?.TenantId },
            Locale = post.Locale,
        };
        var begin = Personalization.Personalize(TurnInput.Begin(isPublic: false, time.GetUtcNow()), delivery.UserName, options.Value);
        var turn = new ConversationTurn(privateReference, begin)
        {
            InitialState = delivery.PrivateState,
            LinkedConversationId = post.Conversation?.Id,
            PublicReference = post,
            EarlierLines = delivery.Lines,
            EarlierTriage = delivery.Triage,
        };
        DeliveryLog.MovedPrivate(logger, post.ChannelId, post.Conversation?.Id, privateConversationId);
        return await RunAsync(message, turn, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a turn for an outbox message: at most once per message, replies into the outbox.</summary>
    private Task<ConversationTurnOutcome?> RunAsync(OutboxMessage message, ConversationTurn turn, CancellationToken cancellationToken) =>
        runner.RunFromOutboxAsync(message.IdempotencyKey, turn, cancellationToken);

    /// <summary>The 1:1 conversation to open: the customer as the only member, not a group, with the tenant where Teams needs it.</summary>
    private static ConversationParameters PrivateConversationFor(ConversationReference post)
    {
        var tenantId = post.Conversation?.TenantId;
        return new ConversationParameters
        {
            IsGroup = false,
            Bot = post.Bot,
            Members = [new ChannelAccount(post.User?.Id ?? string.Empty, post.User?.Name)],
            TenantId = tenantId,
            ChannelData = post.ChannelId == Channels.MsTeams && tenantId is not null
                ? JsonSerializer.SerializeToElement(new { tenant = new { id = tenantId } })
                : null,
        };
    }
}
