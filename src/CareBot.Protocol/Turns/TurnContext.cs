using CareBot.Protocol.Auth;
using CareBot.Protocol.Connector;
using CareBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CareBot.Protocol.Turns;

/// <summary>
/// One turn: the inbound activity, who proved to have sent it, and the ways to answer. Outgoing activities are addressed
/// from the inbound one; with <c>deliveryMode: expectReplies</c> they are buffered for the HTTP answer and never sent to
/// the serviceUrl, otherwise they go through the Connector (reply-to-activity when <c>replyToId</c> is set, else
/// send-to-conversation, as the Bot Framework SDK does).
/// </summary>
public sealed class TurnContext
{
    private readonly IConnectorClient _connector;
    private readonly ILogger _logger;
    private readonly ConversationReference _reference;
    private readonly List<SentActivity> _sent = [];
    private readonly Lock _sentLock = new();

    /// <param name="activity">The inbound activity (its <c>callerId</c> already stamped from <paramref name="identity"/>).</param>
    /// <param name="identity">Who sent it, as proven by its token; anonymous when auth is off.</param>
    /// <param name="connector">Sends to the channel; unused for <c>expectReplies</c> turns.</param>
    /// <param name="logger">Optional.</param>
    public TurnContext(Activity activity, ChannelIdentity identity, IConnectorClient connector, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(connector);
        Activity = activity;
        Identity = identity;
        _connector = connector;
        _logger = logger ?? NullLogger.Instance;
        _reference = activity.GetConversationReference();
    }

    /// <summary>The inbound activity.</summary>
    public Activity Activity { get; }

    /// <summary>Who sent the activity, as proven by its token.</summary>
    public ChannelIdentity Identity { get; }

    /// <summary>True when the caller asked for every reply in the HTTP answer (<see cref="DeliveryModes.ExpectReplies"/>).</summary>
    public bool ExpectsReplies => string.Equals(Activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal);

    /// <summary>
    /// The answer to an <c>invoke</c> activity. Left null, the endpoint answers 501 (not implemented), as the protocol
    /// asks for invokes a bot doesn't handle.
    /// </summary>
    public InvokeResponse? InvokeResponse { get; set; }

    /// <summary>
    /// The origin the activity came in on (<c>https://bot.contoso.com</c>), for links to files the bot keeps; null when
    /// the activity did not come over HTTP.
    /// </summary>
    public string? Origin { get; init; }

    /// <summary>
    /// The outcome row the bot may store in its own commit (see <see cref="TurnCommitParticipant"/>); null when the
    /// activity is not deduplicated (it has no id).
    /// </summary>
    public TurnCommitParticipant? CommitParticipant { get; init; }

    /// <summary>Every activity sent (or buffered) during the turn, in send order, with the channel's resource id.</summary>
    public IReadOnlyList<SentActivity> SentActivities
    {
        get
        {
            lock (_sentLock)
            {
                return _sent.ToArray();
            }
        }
    }

    /// <summary>True once anything was sent during the turn.</summary>
    public bool Responded
    {
        get
        {
            lock (_sentLock)
            {
                return _sent.Count > 0;
            }
        }
    }

    /// <summary>Sends a plain-text message reply.</summary>
    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = TextFormatTypes.Plain }, cancellationToken);
    }

    /// <summary>
    /// A plain-text message reply, addressed from the inbound activity but not sent yet: a bot that stores its answer
    /// before sending (see <see cref="TurnCommitParticipant.OutcomeFor"/>) sends these same objects afterwards.
    /// </summary>
    public Activity CreateReply(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var reply = new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = TextFormatTypes.Plain };
        Address(reply);
        return reply;
    }

    /// <summary>Sends one activity; fields left null are addressed from the inbound activity.</summary>
    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        var responses = await SendActivitiesAsync([activity], cancellationToken).ConfigureAwait(false);
        return responses[0];
    }

    /// <summary>Sends activities one after another, in order; a failure stops the rest (<see cref="ConnectorException"/>).</summary>
    public async Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IEnumerable<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities)
        {
            ArgumentNullException.ThrowIfNull(activity, nameof(activities));
            if (string.IsNullOrEmpty(activity.Type))
            {
                throw new ArgumentException("An outgoing activity needs a type, e.g. ActivityTypes.Message.", nameof(activities));
            }

            Address(activity);
            var response = await DeliverAsync(activity, cancellationToken).ConfigureAwait(false);
            responses.Add(response);
        }

        return responses;
    }

    /// <summary>
    /// Replaces an activity the bot sent earlier (<paramref name="activity"/>'s <c>id</c>). Goes to the channel even in an
    /// <c>expectReplies</c> turn: the edited message already lives there.
    /// </summary>
    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrEmpty(activity.Id, nameof(activity));
        Address(activity);
        return _connector.UpdateActivityAsync(RequireServiceUrl(), ConversationId, activity.Id, activity, cancellationToken);
    }

    /// <summary>Deletes an activity the bot sent earlier in this conversation.</summary>
    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        return _connector.DeleteActivityAsync(RequireServiceUrl(), ConversationId, activityId, cancellationToken);
    }

    private string ConversationId => Activity.Conversation?.Id
        ?? throw new InvalidOperationException("The inbound activity has no conversation.id, so nothing can be sent into its conversation.");

    private async Task<ResourceResponse> DeliverAsync(Activity activity, CancellationToken cancellationToken)
    {
        ResourceResponse response;
        if (ExpectsReplies)
        {
            // The caller collects the replies from the HTTP answer; nothing goes to the serviceUrl (and traces are kept).
            response = new ResourceResponse();
        }
        else if (activity.Type == ActivityTypes.Trace && activity.ChannelId != Channels.Emulator)
        {
            // Traces are debugging aids: only the Emulator shows them (as the SDK does); they stay in the transcript.
            Log.TraceDropped(_logger);
            response = new ResourceResponse();
        }
        else
        {
            var serviceUrl = activity.ServiceUrl ?? RequireServiceUrl();
            var conversationId = activity.Conversation?.Id ?? ConversationId;
            response = activity.ReplyToId is { Length: > 0 } replyToId
                ? await _connector.ReplyToActivityAsync(serviceUrl, conversationId, replyToId, activity, cancellationToken).ConfigureAwait(false)
                : await _connector.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken).ConfigureAwait(false);
            var resourceId = LogSanitizer.Sanitize(response.Id); // the channel's answer
            Log.ActivitySent(_logger, activity.Type, conversationId, activity.ReplyToId, resourceId);
        }

        lock (_sentLock)
        {
            _sent.Add(new SentActivity(activity, response));
        }

        return response;
    }

    // Fills what the bot left out from the inbound activity; what the bot set explicitly wins.
    private void Address(Activity activity)
    {
        activity.ChannelId ??= _reference.ChannelId;
        activity.ServiceUrl ??= _reference.ServiceUrl;
        activity.Conversation ??= _reference.Conversation;
        activity.From ??= _reference.Bot;
        activity.Recipient ??= _reference.User;
        activity.Locale ??= _reference.Locale;
        activity.ReplyToId ??= _reference.ActivityId;
    }

    private string RequireServiceUrl() => Activity.ServiceUrl is { Length: > 0 } serviceUrl
        ? serviceUrl
        : throw new InvalidOperationException("The inbound activity has no serviceUrl, so replies cannot be sent to its channel.");
}
