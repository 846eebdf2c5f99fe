using System.Text.Json;
using CareBot.Protocol.Schema;

namespace CareBot.Protocol.Turns;

/// <summary>
/// The synchronous answer to an <c>invoke</c> activity: <see cref="Status"/> becomes the HTTP status and
/// <see cref="Body"/> the JSON body (the wrapper itself is never serialized).
/// </summary>
public sealed record InvokeResponse(int Status, JsonElement? Body = null)
{
    /// <summary>An invoke response whose body is <paramref name="body"/> serialized with the wire rules.</summary>
    public static InvokeResponse Create<T>(int status, T body) =>
        new(status, JsonSerializer.SerializeToElement(body, ActivityJson.Options));
}
