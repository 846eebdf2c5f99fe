using System.Threading.Channels;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// One WebSocket's queue of frames. Appending to a conversation only offers a frame here, never waits: a client that
/// falls <see cref="DirectLineOptions.StreamQueueLength"/> frames behind is dropped instead of slowing the bot.
/// </summary>
internal sealed class DirectLineSubscriber : IDisposable
{
    private readonly Channel<string> _frames;
    private readonly CancellationTokenSource _dropped = new();
    private string? _dropReason;

    public DirectLineSubscriber(int capacity)
    {
        _frames = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: "full" answers false, and we drop the socket
        });
    }

    /// <summary>The frames to send, in order.</summary>
    public ChannelReader<string> Frames => _frames.Reader;

    /// <summary>Cancelled when the subscriber is dropped (queue overflow, send timeout, client gone).</summary>
    public CancellationToken Dropped => _dropped.Token;

    /// <summary>Why the subscriber was dropped, once it was.</summary>
    public string? DropReason => Volatile.Read(ref _dropReason);

    /// <summary>Queues a frame without waiting; a full queue drops the subscriber.</summary>
    public void Offer(string frame)
    {
        if (!_frames.Writer.TryWrite(frame))
        {
            Drop("the client fell too far behind (send queue full)");
        }
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
