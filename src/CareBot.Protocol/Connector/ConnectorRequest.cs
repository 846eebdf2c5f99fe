using System.Net;

namespace CareBot.Protocol.Connector;

/// <summary>One Connector operation to perform: what, where, with which body, and which status codes mean success.</summary>
/// <param name="Operation">The operation's name for logs and errors, e.g. <c>SendToConversation</c>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="ServiceUrl">The normalized serviceUrl base (trust is checked against it).</param>
/// <param name="Uri">The full request URI.</param>
/// <param name="Body">The UTF-8 JSON body, or null for none; serialized once and resent on each attempt.</param>
/// <param name="SuccessCodes">The status codes §3 of the protocol lists as success for this operation.</param>
internal sealed record ConnectorRequest(
    string Operation,
    HttpMethod Method,
    string ServiceUrl,
    Uri Uri,
    byte[]? Body,
    IReadOnlySet<HttpStatusCode> SuccessCodes)
{
    /// <summary>
    /// For a file rather than JSON (an attachment's bytes): any content type is accepted, and an answer longer than this
    /// fails (not transient) without being read further. Null (JSON operations): the channel's answer is read whole.
    /// </summary>
    public int? MaxResponseBytes { get; init; }

    public static readonly IReadOnlySet<HttpStatusCode> Created =
        new HashSet<HttpStatusCode> { HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Accepted };

    public static readonly IReadOnlySet<HttpStatusCode> Deleted =
        new HashSet<HttpStatusCode> { HttpStatusCode.OK, HttpStatusCode.Accepted, HttpStatusCode.NoContent };

    public static readonly IReadOnlySet<HttpStatusCode> Read = new HashSet<HttpStatusCode> { HttpStatusCode.OK };
}
