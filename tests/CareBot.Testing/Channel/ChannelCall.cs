using CareBot.Protocol.Schema;

namespace CareBot.Testing.Channel;

/// <summary>One HTTP call the <see cref="FakeChannel"/> received, as it arrived, with the status it answered.</summary>
/// <param name="Sequence">1 for the first call the channel received, then 2, 3, …</param>
/// <param name="Method">The HTTP method, e.g. <c>POST</c>.</param>
/// <param name="RawTarget">The request target exactly as sent (still escaped), e.g. <c>/amer/v3/conversations/a%3A1/activities</c>.</param>
/// <param name="PathPrefix">The part of the path before <c>v3/</c>, e.g. <c>/</c> or <c>/amer/</c>.</param>
/// <param name="Operation">The Connector operation the method and path name.</param>
/// <param name="ConversationId">The decoded conversation id from the path, if any.</param>
/// <param name="ActivityId">The decoded activity id from the path, if any.</param>
/// <param name="MemberId">The decoded member id from the path, if any.</param>
/// <param name="Authorization">The <c>Authorization</c> header, or null when none was sent.</param>
/// <param name="ContentType">The request's <c>Content-Type</c> (a body that isn't JSON is answered 415).</param>
/// <param name="Body">The raw request body (empty when none).</param>
/// <param name="Activity">The body parsed as an Activity (send, reply, update).</param>
/// <param name="Parameters">The body parsed as ConversationParameters (create conversation).</param>
/// <param name="StatusCode">The status the fake channel answered (or will answer, after a programmed delay).</param>
public sealed record ChannelCall(
    int Sequence,
    string Method,
    string RawTarget,
    string PathPrefix,
    ChannelOperation Operation,
    string? ConversationId,
    string? ActivityId,
    string? MemberId,
    string? Authorization,
    string? ContentType,
    string Body,
    Activity? Activity,
    ConversationParameters? Parameters,
    int StatusCode)
{
    /// <summary>The token of a <c>Bearer</c> Authorization header, else null.</summary>
    public string? BearerToken =>
        Authorization is not null && Authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? Authorization["Bearer ".Length..]
            : null;

    public override string ToString() => $"#{Sequence} {Method} {RawTarget} → {StatusCode}";
}
