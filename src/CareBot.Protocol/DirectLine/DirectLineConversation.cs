using System.Text;
using CareBot.Protocol.Schema;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// One Direct Line conversation in memory: its activity history (the watermark is a position in it), its members, its
/// stream subscribers and the tokens issued for it. Every change happens under one lock, so ids, history order and
/// stream order agree. Everything it holds is bounded by <see cref="DirectLineConversationLimits"/>: the oldest
/// activities are dropped (positions and watermarks go on counting), the oldest stream and token are displaced.
/// </summary>
internal sealed class DirectLineConversation
{
    /// <summary>The most member ids one conversation remembers.</summary>
    public const int MaxMembers = DirectLineConversationInfo.MaxMembers;

    private readonly Lock _lock = new();
    private readonly DirectLineConversationLimits _limits;

    // _history[0] is at position _firstPosition: dropping old activities never renumbers the later ones.
    private readonly List<HistoryEntry> _history = [];
    private readonly List<IDirectLineStreamSink> _subscribers = [];
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private readonly List<string> _tokens = [];

    // The id the bot sent with an activity → the id this conversation gave it. Kept for deleted activities too, so a
    // late repeat never brings one back; forgotten when the activity drops out of the history.
    private readonly Dictionary<string, string> _idsBySenderId = new(StringComparer.Ordinal);
    private int _firstPosition;
    private long _historyBytes;
    private long _lastActiveTicks;
    private bool _started;

    public DirectLineConversation(string id, bool isPublic, ChannelAccount? user, DirectLineConversationLimits limits, DateTimeOffset now)
    {
        Id = id;
        IsPublic = isPublic;
        User = user;
        _limits = limits;
        _lastActiveTicks = now.UtcTicks;
    }

    public string Id { get; }

    /// <summary>
    /// A public conversation looks to the bot like a channel post (<c>isGroup</c>, <c>conversationType: channel</c>).
    /// Only ever switches from private to public.
    /// </summary>
    public bool IsPublic { get; private set; }

    /// <summary>The user the conversation was opened for, when a token or the bot named one.</summary>
    public ChannelAccount? User { get; }

    /// <summary>The number of activities recorded so far, kept or dropped (also the latest watermark).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _firstPosition + _history.Count;
            }
        }
    }

    /// <summary>When a client or the bot last used the conversation.</summary>
    public DateTimeOffset LastActive => new(Interlocked.Read(ref _lastActiveTicks), TimeSpan.Zero);

    /// <summary>True while a WebSocket is open on the conversation (it is then in use however long it is quiet).</summary>
    public bool HasSubscribers
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count > 0;
            }
        }
    }

    /// <summary>Marks the conversation used now (it is forgotten after the idle timeout, least recently used first).</summary>
    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActiveTicks, now.UtcTicks);

    /// <summary>What the conversation holds now, for <see cref="DirectLineChannel.Diagnostics"/>.</summary>
    public (int Activities, long Bytes, int Streams, int Tokens) Holdings()
    {
        lock (_lock)
        {
            return (_history.Count, _historyBytes, _subscribers.Count, _tokens.Count);
        }
    }

    /// <summary>
    /// Records a token issued for this conversation; returns the tokens it displaced (the oldest beyond
    /// <see cref="DirectLineConversationLimits.MaxTokens"/>, and <paramref name="replaces"/> when a refresh names it),
    /// which the caller revokes.
    /// </summary>
    public IReadOnlyList<string> AddToken(string token, string? replaces = null)
    {
        lock (_lock)
        {
            List<string> displaced = [];
            if (replaces is not null && _tokens.Remove(replaces))
            {
                displaced.Add(replaces);
            }

            _tokens.Add(token);
            while (_tokens.Count > _limits.MaxTokens)
            {
                displaced.Add(_tokens[0]);
                _tokens.RemoveAt(0);
            }

            return displaced;
        }
    }

    /// <summary>Ends the conversation: drops every stream and returns its tokens, which the caller revokes.</summary>
    public IReadOnlyList<string> Close(string reason)
    {
        IDirectLineStreamSink[] subscribers;
        string[] tokens;
        lock (_lock)
        {
            subscribers = [.. _subscribers];
            tokens = [.. _tokens];
            _subscribers.Clear();
            _tokens.Clear();
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Drop(reason);
        }

        return tokens;
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

    /// <summary>
    /// True the first time a member id is seen: the caller then tells the bot the member joined. A conversation
    /// remembers at most <see cref="MaxMembers"/> (a secret holder can post as anyone); later ones are never announced.
    /// </summary>
    public bool TryAddMember(string memberId)
    {
        lock (_lock)
        {
            return _members.Count < MaxMembers && _members.Add(memberId);
        }
    }

    /// <summary>True when the member id is one of those remembered.</summary>
    public bool IsMember(string memberId)
    {
        lock (_lock)
        {
            return _members.Contains(memberId);
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
    public ConversationAccount Account() => Info().Account();

    /// <summary>A snapshot of what requests need to know.</summary>
    public DirectLineConversationInfo Info() => new(Id, IsPublic, User);

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

            var id = AppendLocked(activity, now, senderActivityId);
            _idsBySenderId.Add(senderActivityId, id);
            return id;
        }
    }

    /// <summary>Replaces an activity (an update by the bot) and streams the new version; false when unknown.</summary>
    public bool Replace(string activityId, Activity activity, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (IndexOf(activityId) is not { } index || _history[index].Json is null)
            {
                return false;
            }

            activity.Id = activityId;
            activity.Timestamp = now;
            activity.Conversation = Account();
            var json = ActivityJson.Serialize(activity);
            var entry = _history[index];
            var replaced = entry with { Type = activity.Type ?? string.Empty, Json = json, Bytes = Encoding.UTF8.GetByteCount(json) };
            _history[index] = replaced;
            _historyBytes += replaced.Bytes - entry.Bytes;
            Publish(json, _firstPosition + _history.Count);
            DropOldest();
            return true;
        }
    }

    /// <summary>Forgets an activity (a delete by the bot); false when unknown. Positions of later activities stay.</summary>
    public bool Delete(string activityId)
    {
        lock (_lock)
        {
            if (IndexOf(activityId) is not { } index || _history[index].Json is null)
            {
                return false;
            }

            _historyBytes -= _history[index].Bytes;
            _history[index] = _history[index] with { Json = null, Bytes = 0 };
            return true;
        }
    }

    /// <summary>
    /// An ActivitySet of up to <paramref name="max"/> activities (and about <paramref name="maxBytes"/> bytes; one
    /// larger activity goes alone) after <paramref name="watermark"/> (typing excluded: it only travels over the stream)
    /// and the watermark after the last one read. A watermark older than the kept history reads from the oldest kept.
    /// </summary>
    public string ReadSet(int watermark, int max, int maxBytes)
    {
        lock (_lock)
        {
            return ReadPageLocked(watermark, max, maxBytes).Set;
        }
    }

    /// <summary>
    /// Adds a stream subscriber, first replaying what it missed after <paramref name="watermark"/> (at most the kept
    /// history) one activity per frame, each with its own watermark, as live activities travel. Returns the subscribers
    /// it displaced (the oldest beyond <see cref="DirectLineConversationLimits.MaxStreams"/>), which the caller drops.
    /// </summary>
    /// <remarks>
    /// Not bigger frames: DirectLineJS (inside Web Chat) turns each frame into an observable on an async scheduler and
    /// merges them, so the activities of frames that arrive together interleave (1, 4, 7, 2, 5, ...). Frames of one
    /// activity keep the order, and the first frame is never larger than one activity.
    /// </remarks>
    public IReadOnlyList<IDirectLineStreamSink> Subscribe(IDirectLineStreamSink subscriber, int watermark)
    {
        lock (_lock)
        {
            var position = watermark;
            var end = _firstPosition + _history.Count;
            while (position < end)
            {
                var (set, next, count) = ReadPageLocked(position, max: 1, maxBytes: int.MaxValue);
                if (count > 0)
                {
                    subscriber.Replay(set);
                }

                position = next;
            }

            _subscribers.Add(subscriber);
            List<IDirectLineStreamSink> displaced = [];
            while (_subscribers.Count > _limits.MaxStreams)
            {
                displaced.Add(_subscribers[0]);
                _subscribers.RemoveAt(0);
            }

            return displaced;
        }
    }

    public void Unsubscribe(IDirectLineStreamSink subscriber)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscriber);
        }
    }

    /// <summary>The index in the kept history of the activity an id of this conversation names, or null.</summary>
    private int? IndexOf(string activityId) =>
        DirectLineActivitySets.PositionOf(Id, activityId) is { } position
            && position >= _firstPosition && position - _firstPosition < _history.Count
                ? position - _firstPosition
                : null;

    /// <summary>Append's body; the caller holds the lock.</summary>
    private string AppendLocked(Activity activity, DateTimeOffset now, string? senderActivityId = null)
    {
        var position = _firstPosition + _history.Count;
        activity.Id = ActivityId(position);
        activity.Timestamp = now;
        activity.Conversation = Account();
        var json = ActivityJson.Serialize(activity);
        var entry = new HistoryEntry(activity.Type ?? string.Empty, json, Encoding.UTF8.GetByteCount(json), senderActivityId);
        _history.Add(entry);
        _historyBytes += entry.Bytes;
        Publish(json, position + 1);
        DropOldest();
        return activity.Id;
    }

    /// <summary>Drops the oldest activities beyond the count and byte limits, always keeping the newest.</summary>
    private void DropOldest()
    {
        var drop = 0;
        var bytes = _historyBytes;
        while (_history.Count - drop > 1 && (_history.Count - drop > _limits.MaxActivities || bytes > _limits.MaxBytes))
        {
            var entry = _history[drop];
            bytes -= entry.Bytes;
            if (entry.SenderActivityId is { } senderId)
            {
                _idsBySenderId.Remove(senderId);
            }

            drop++;
        }

        if (drop > 0)
        {
            _history.RemoveRange(0, drop);
            _firstPosition += drop;
            _historyBytes = bytes;
        }
    }

    /// <summary>One page after <paramref name="watermark"/>; the caller holds the lock.</summary>
    private (string Set, int Watermark, int Count) ReadPageLocked(int watermark, int max, int maxBytes)
    {
        var end = _firstPosition + _history.Count;
        var position = Math.Clamp(watermark, _firstPosition, end);
        var jsons = new List<string>();
        long bytes = 0;
        for (; position < end && jsons.Count < max; position++)
        {
            var entry = _history[position - _firstPosition];
            if (entry is { Json: { } json, Type: not ActivityTypes.Typing })
            {
                if (jsons.Count > 0 && bytes + entry.Bytes > maxBytes)
                {
                    break;
                }

                jsons.Add(json);
                bytes += entry.Bytes;
            }
        }

        return (ActivitySet(jsons, position), position, jsons.Count);
    }

    private string ActivityId(int position) => DirectLineActivitySets.ActivityId(Id, position);

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

    private static string ActivitySet(List<string> activityJsons, int watermark) => DirectLineActivitySets.Frame(activityJsons, watermark);

    private sealed record HistoryEntry(string Type, string? Json, int Bytes, string? SenderActivityId = null);
}
