using System.Globalization;
using System.Text;
using CareBot.Protocol.Schema;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// One Direct Line conversation in memory: its activity history (the watermark is a position in it), its members and
/// its stream subscribers. Every change happens under one lock, so ids, history order and stream order agree.
/// </summary>
internal sealed class DirectLineConversation
{
    private readonly Lock _lock = new();
    private readonly List<HistoryEntry> _history = [];
    private readonly List<DirectLineSubscriber> _subscribers = [];
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);

    // The id the bot sent with an activity → the id this conversation gave it. Kept for deleted activities too, so a
    // late repeat never brings one back.
    private readonly Dictionary<string, string> _idsBySenderId = new(StringComparer.Ordinal);
    private bool _started;

    public DirectLineConversation(string id, bool isPublic, ChannelAccount? user)
    {
        Id = id;
        IsPublic = isPublic;
        User = user;
    }

    public string Id { get; }

    /// <summary>
    /// A public conversation looks to the bot like a channel post (<c>isGroup</c>, <c>conversationType: channel</c>).
    /// Only ever switches from private to public.
    /// </summary>
    public bool IsPublic { get; private set; }

    /// <summary>The user the conversation was opened for, when a token or the bot named one.</summary>
    public ChannelAccount? User { get; }

    /// <summary>The number of activities recorded so far (also the latest watermark).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _history.Count;
            }
        }
    }

    /// <summary>Marks the conversation public (a flag from the page); never back.</summary>
    public void MakePublic()
    {
        lock (_lock)
        {
            IsPublic = true;
        }
    }

    /// <summary>True the first time only: the caller then tells the bot the conversation started.</summary>
    public bool TryStart()
    {
        lock (_lock)
        {
            var first = !_started;
            _started = true;
            return first;
        }
    }

    /// <summary>True the first time a member id is seen: the caller then tells the bot the member joined.</summary>
    public bool TryAddMember(string memberId)
    {
        lock (_lock)
        {
            return _members.Add(memberId);
        }
    }

    /// <summary>The member ids seen so far.</summary>
    public IReadOnlyList<string> Members()
    {
        lock (_lock)
        {
            return [.. _members];
        }
    }

    /// <summary>The account as stamped on every activity of this conversation.</summary>
    public ConversationAccount Account() => IsPublic
        ? new ConversationAccount(Id, isGroup: true, conversationType: "channel")
        : new ConversationAccount(Id);

    /// <summary>
    /// Records an activity: stamps its id (<c>{conversationId}|{position:0000000}</c>), timestamp and conversation,
    /// stores it and offers it to every stream subscriber. Returns the id.
    /// </summary>
    public string Append(Activity activity, DateTimeOffset now)
    {
        lock (_lock)
        {
            return AppendLocked(activity, now);
        }
    }

    /// <summary>
    /// Records an activity once per <paramref name="senderActivityId"/> (the id its sender gave it): the first time as
    /// <see cref="Append"/> does; a repeat records and streams nothing and returns the id given the first time.
    /// </summary>
    public string AppendOnce(string senderActivityId, Activity activity, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_idsBySenderId.TryGetValue(senderActivityId, out var firstId))
            {
                return firstId;
            }

            var id = AppendLocked(activity, now);
            _idsBySenderId.Add(senderActivityId, id);
            return id;
        }
    }

    /// <summary>Replaces an activity (an update by the bot) and streams the new version; false when unknown.</summary>
    public bool Replace(string activityId, Activity activity, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (PositionOf(activityId) is not { } position || _history[position].Json is null)
            {
                return false;
            }

            activity.Id = activityId;
            activity.Timestamp = now;
            activity.Conversation = Account();
            var json = ActivityJson.Serialize(activity);
            _history[position] = new HistoryEntry(activity.Type ?? string.Empty, json);
            Publish(json, _history.Count);
            return true;
        }
    }

    /// <summary>Forgets an activity (a delete by the bot); false when unknown. Positions of later activities stay.</summary>
    public bool Delete(string activityId)
    {
        lock (_lock)
        {
            if (PositionOf(activityId) is not { } position || _history[position].Json is null)
            {
                return false;
            }

            _history[position] = _history[position] with { Json = null };
            return true;
        }
    }

    /// <summary>
    /// An ActivitySet of up to <paramref name="max"/> activities after <paramref name="watermark"/> (typing excluded: it
    /// only travels over the stream) and the watermark after the last one read.
    /// </summary>
    public string ReadSet(int watermark, int max)
    {
        lock (_lock)
        {
            var start = Math.Clamp(watermark, 0, _history.Count);
            var jsons = new List<string>();
            var position = start;
            for (; position < _history.Count && jsons.Count < max; position++)
            {
                if (_history[position] is { Json: { } json, Type: not ActivityTypes.Typing })
                {
                    jsons.Add(json);
                }
            }

            return ActivitySet(jsons, position);
        }
    }

    /// <summary>Adds a stream subscriber, first replaying what it missed after <paramref name="watermark"/>.</summary>
    public void Subscribe(DirectLineSubscriber subscriber, int watermark)
    {
        lock (_lock)
        {
            var replay = new List<string>();
            for (var position = Math.Clamp(watermark, 0, _history.Count); position < _history.Count; position++)
            {
                if (_history[position] is { Json: { } json, Type: not ActivityTypes.Typing })
                {
                    replay.Add(json);
                }
            }

            if (replay.Count > 0)
            {
                subscriber.Offer(ActivitySet(replay, _history.Count));
            }

            _subscribers.Add(subscriber);
        }
    }

    public void Unsubscribe(DirectLineSubscriber subscriber)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscriber);
        }
    }

    /// <summary>The position an activity id of this conversation names, or null.</summary>
    private int? PositionOf(string activityId)
    {
        var prefix = Id + "|";
        return activityId.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(activityId.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            && position < _history.Count
                ? position
                : null;
    }

    /// <summary>Append's body; the caller holds the lock.</summary>
    private string AppendLocked(Activity activity, DateTimeOffset now)
    {
        var position = _history.Count;
        activity.Id = ActivityId(position);
        activity.Timestamp = now;
        activity.Conversation = Account();
        var json = ActivityJson.Serialize(activity);
        _history.Add(new HistoryEntry(activity.Type ?? string.Empty, json));
        Publish(json, position + 1);
        return activity.Id;
    }

    private string ActivityId(int position) => Id + "|" + position.ToString("D7", CultureInfo.InvariantCulture);

    private void Publish(string json, int watermark)
    {
        if (_subscribers.Count == 0)
        {
            return;
        }

        var frame = ActivitySet([json], watermark);
        foreach (var subscriber in _subscribers.ToArray())
        {
            // Never waits: a slow client is dropped by its own queue, the bot's turn goes on.
            subscriber.Offer(frame);
            if (subscriber.DropReason is not null)
            {
                _subscribers.Remove(subscriber);
            }
        }
    }

    private static string ActivitySet(List<string> activityJsons, int watermark)
    {
        var builder = new StringBuilder("{\"activities\":[");
        builder.AppendJoin(',', activityJsons);
        builder.Append("],\"watermark\":\"").Append(watermark.ToString(CultureInfo.InvariantCulture)).Append("\"}");
        return builder.ToString();
    }

    private sealed record HistoryEntry(string Type, string? Json);
}
