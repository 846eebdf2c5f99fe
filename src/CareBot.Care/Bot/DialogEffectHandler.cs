using System.Text.Json;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using CareBot.Protocol.Turns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareBot.Care.Bot;

/// <summary>
/// Carries out dialog effects. Taking a public conversation offline opens a 1:1 conversation with the customer through
/// the Connector and continues the dialog there; a channel that refuses 1:1 conversations gets the dialog's
/// <c>offline.failed</c> answer (the email route) in public instead. A hand-off's case is opened by the turn's commit;
/// notifying agents and recording ratings are only logged until the outbox and agent API exist.
/// </summary>
/// <remarks>
/// The move happens inside the public turn, after its state was saved. A crash between the save and the move loses the
/// private message; making it survive (an outbox row in the same transaction, delivered exactly once) is the next step.
/// </remarks>
public sealed class DialogEffectHandler : IDialogEffectHandler
{
    private readonly ConversationTurnRunner runner;
    private readonly IConnectorClient connector;
    private readonly CareBotOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<DialogEffectHandler> logger;

    public DialogEffectHandler(ConversationTurnRunner runner, IConnectorClient connector, IOptions<CareBotOptions> options, TimeProvider time, ILogger<DialogEffectHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.runner = runner ?? throw new ArgumentNullException(nameof(runner));
        this.connector = connector ?? throw new ArgumentNullException(nameof(connector));
        this.options = options.Value;
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public Task HandleAsync(TurnContext turnContext, DialogEffect effect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(effect);
        switch (effect)
        {
            case TakeOfflineEffect takeOffline:
                return TakeOfflineAsync(turnContext, takeOffline, cancellationToken);
            case HandoffEffect:
                // The case was opened in the turn's commit; notifying agents (email, console) comes with the outbox.
                BotLog.EffectNotWired(logger, "agent notification of a hand-off", turnContext.Activity.ChannelId);
                return Task.CompletedTask;
            default:
                BotLog.EffectNotWired(logger, effect.GetType().Name, turnContext.Activity.ChannelId);
                return Task.CompletedTask;
        }
    }

    private async Task TakeOfflineAsync(TurnContext turnContext, TakeOfflineEffect effect, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var publicConversation = activity.Conversation?.Id ?? string.Empty;

        // 1. Open the 1:1 conversation. Its serviceUrl is the public post's: the one the channel's token proved.
        ConversationResourceResponse created;
        try
        {
            created = await connector.CreateConversationAsync(activity.ServiceUrl ?? string.Empty, PrivateConversationFor(activity), cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(created.Id))
            {
                throw new ConnectorException("The channel created a conversation without an id.", null, isTransient: false);
            }
        }
        catch (ConnectorException refused) when (!refused.IsTransient)
        {
            // 2a. The channel can't (or won't) open 1:1 conversations: the dialog tells the customer how to reach us privately.
            BotLog.PrivateConversationRefused(logger, activity.ChannelId, (int?)refused.StatusCode, refused.ErrorCode);
            await AnswerPubliclyAsync(turnContext, DialogEvents.OfflineFailed, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (ConnectorException failed)
        {
            BotLog.PrivateConversationFailed(logger, failed, activity.ChannelId);
            return;
        }

        // 2b. Continue the dialog in the private conversation, linked to the public post, and send its greeting there.
        var privateReference = new ConversationReference
        {
            ChannelId = activity.ChannelId,
            ServiceUrl = activity.ServiceUrl,
            Bot = activity.Recipient,
            User = activity.From,
            Conversation = new ConversationAccount(created.Id) { TenantId = activity.Conversation?.TenantId },
            Locale = activity.Locale,
        };
        var begin = CareDialogBot.Personalize(TurnInput.Begin(isPublic: false, time.GetUtcNow()), activity.From, options);
        var turn = new ConversationTurn(privateReference, begin) { InitialState = effect.PrivateState, LinkedConversationId = publicConversation };
        if (await runner.RunAsync(turn, cancellationToken).ConfigureAwait(false) is not { } greeting)
        {
            return;
        }

        BotLog.MovedPrivate(logger, activity.ChannelId, publicConversation, created.Id);
        foreach (var reply in greeting.Replies)
        {
            var message = new Activity { Type = ActivityTypes.Message, Text = reply, TextFormat = TextFormatTypes.Plain }.ApplyConversationReference(privateReference);
            await connector.SendToConversationAsync(privateReference.ServiceUrl!, created.Id, message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Feeds an event to the public conversation's dialog and sends what it says there.</summary>
    private async Task AnswerPubliclyAsync(TurnContext turnContext, string eventName, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var input = CareDialogBot.Personalize(TurnInput.ForEvent(eventName, isPublic: true, time.GetUtcNow()), activity.From, options);
        if (await runner.RunAsync(new ConversationTurn(activity.GetConversationReference(), input), cancellationToken).ConfigureAwait(false) is { } result)
        {
            foreach (var reply in result.Replies)
            {
                await turnContext.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The 1:1 conversation to open: the customer as the only member, not a group, with the tenant where Teams needs it.
    /// </summary>
    private static ConversationParameters PrivateConversationFor(Activity activity)
    {
        var tenantId = activity.Conversation?.TenantId;
        return new ConversationParameters
        {
            IsGroup = false,
            Bot = activity.Recipient,
            Members = [new ChannelAccount(activity.From?.Id ?? string.Empty, activity.From?.Name)],
            TenantId = tenantId,
            ChannelData = activity.ChannelId == Channels.MsTeams && tenantId is not null
                ? JsonSerializer.SerializeToElement(new { tenant = new { id = tenantId } })
                : null,
        };
    }
}
