using System.Threading.Channels;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// One WebSocket's queue of frames. Appending to a conversation only offers a frame here, never waits: a client that
/// falls <see cref="DirectLineOptions.StreamQueueLength"/> live frames behind is dropped instead of slowing the bot.
/// The catch-up frames a new socket starts with (at most the conversation's kept history) come on top of that allowance.
/// </summary>
internal sealed class DirectLineSubscriber : IDirectLineStreamSink, IDisposable
{
    private readonly Channel<string> _frames = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _dropped = new();
    private readonly int _capacity;
    private int _liveQueued;
    private int _replayQueued;
    private string? _dropReason;

    public DirectLineSubscriber(int capacity) => _capacity = capacity;

    /// <summary>Cancelled when the subscriber is dropped (queue overflow, send timeout, client gone).</summary>
    public CancellationToken Dropped => _dropped.Token;

    /// <summary>Why the subscriber was dropped, once it was.</summary>
    public string? DropReason => Volatile.Read(ref _dropReason);

    /// <summary>Queues a catch-up frame; only before the subscriber receives live frames (the conversation's lock ensures it).</summary>
    public void Replay(string frame)
    {
        if (_frames.Writer.TryWrite(frame))
        {
            Interlocked.Increment(ref _replayQueued);
        }
    }

    /// <summary>Queues a live frame without waiting; a full queue drops the subscriber.</summary>
    public void Offer(string frame)
    {
        if (Interlocked.Increment(ref _liveQueued) > _capacity)
        {
            Drop("the client fell too far behind (send queue full)");
            return;
        }

        _frames.Writer.TryWrite(frame);
    }

    /// <summary>Waits until a frame is queued; false once the subscriber was dropped and the queue is empty.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _frames.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Takes the next frame, in order (catch-up frames first).</summary>
    public bool TryRead(out string frame)
    {
        if (!_frames.Reader.TryRead(out frame!))
        {
            return false;
        }

        // Catch-up frames were queued before any live one, so the first ones read are those.
        if (Volatile.Read(ref _replayQueued) > 0)
        {
            Interlocked.Decrement(ref _replayQueued);
        }
        else
        {
            Interlocked.Decrement(ref _liveQueued);
        }

        return true;
    }

    /// <summary>Ends the stream: no more frames are accepted and the send loop stops.</summary>
    public void Drop(string reason)
    {
        if (Interlocked.CompareExchange(ref _dropReason, reason, null) is not null)
        {
            return;
        }

        _frames.Writer.TryComplete();
        try
        {
            _dropped.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already torn down.
        }
    }

    public void Dispose() => _dropped.Dispose();
}
