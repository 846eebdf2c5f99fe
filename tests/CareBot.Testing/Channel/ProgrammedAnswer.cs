using System.Net;

namespace CareBot.Testing.Channel;

/// <summary>An answer the test programmed for the next calls (optionally of one operation).</summary>
internal sealed class ProgrammedAnswer
{
    public ChannelOperation? Operation { get; init; }

    public int Remaining { get; set; }

    /// <summary>Answer this status with an ErrorResponse body (null: answer normally, after <see cref="Delay"/>).</summary>
    public HttpStatusCode? FailWith { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public string? ErrorCode { get; init; }

    public TimeSpan Delay { get; init; }

    /// <summary>Answer 200 with no body at all (as offline-directline does).</summary>
    public bool EmptyBody { get; init; }

    public string? RedirectTo { get; init; }

    public bool Matches(ChannelOperation operation) => Remaining > 0 && (Operation is null || Operation == operation);
}
