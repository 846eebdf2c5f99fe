namespace CareBot.Protocol.DirectLine;

/// <summary>
/// One WebSocket as a store sees it: a queue of ActivitySet frames that never makes the writer wait. A client that falls
/// too far behind drops itself.
/// </summary>
public interface IDirectLineStreamSink
{
    /// <summary>Why the stream was dropped, once it was (then it takes no more frames).</summary>
    string? DropReason { get; }

    /// <summary>Queues a catch-up frame (before any live frame).</summary>
    void Replay(string frame);

    /// <summary>Queues a live frame without waiting; a full queue drops the stream.</summary>
    void Offer(string frame);

    /// <summary>Ends the stream.</summary>
    void Drop(string reason);
}
