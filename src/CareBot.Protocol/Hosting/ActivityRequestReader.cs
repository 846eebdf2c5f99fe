using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using CareBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace CareBot.Protocol.Hosting;

/// <summary>
/// Turns an HTTP request into an <see cref="Activity"/>, or into a clear 400/413/415 error: never an exception for bad
/// input, whatever the body holds.
/// </summary>
internal static class ActivityRequestReader
{
    private const int ReadChunkBytes = 16 * 1024;

    /// <summary>The content type must be JSON (<c>application/json</c> or <c>application/*+json</c>) in UTF-8.</summary>
    public static ActivityRequestError? CheckContentType(string? contentType)
    {
        if (MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && IsJson(mediaType.MediaType.Value)
            && (!mediaType.Charset.HasValue || IsUtf8(mediaType.Charset.Value)))
        {
            return null;
        }

        return new ActivityRequestError(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
            "Send the activity as JSON with Content-Type: application/json (UTF-8).");
    }

    /// <summary>
    /// Reads the whole body, refusing more than <paramref name="limit"/> bytes whether the size is announced
    /// (Content-Length) or not (chunked). Returns null with the error set when the body is too large.
    /// </summary>
    public static async Task<(byte[]? Body, int Length, ActivityRequestError? Error)> ReadBodyAsync(
        HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (null, 0, TooLarge(limit));
        }

        // Let the server enforce the limit too (it cannot be changed once the body has started to be read).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? ReadChunkBytes, limit) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer, length, null);
                }

                length += read;
                if (length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, 0, TooLarge(limit));
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, 0, TooLarge(limit));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Parses a body into an activity with a non-empty <c>type</c>.</summary>
    public static (Activity? Activity, ActivityRequestError? Error) Parse(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> byteOrderMark = [0xEF, 0xBB, 0xBF];
        if (body.StartsWith(byteOrderMark))
        {
            body = body[byteOrderMark.Length..];
        }

        if (body.IsEmpty)
        {
            return (null, BadRequest("EmptyBody", "The request body is empty; send one activity as a JSON object."));
        }

        // System.Text.Json accepts invalid UTF-8 until a string is decoded; refuse it up front instead.
        if (!Utf8.IsValid(body))
        {
            return (null, BadRequest("InvalidUtf8", "The request body is not valid UTF-8."));
        }

        if (CheckSyntax(body) is { } syntaxError)
        {
            return (null, syntaxError);
        }

        Activity? activity;
        try
        {
            activity = ActivityJson.Deserialize<Activity>(body);
        }
        catch (JsonException exception)
        {
            return (null, BadRequest("InvalidActivity", $"The activity has a value of the wrong kind at '{exception.Path}'."));
        }

        if (string.IsNullOrWhiteSpace(activity?.Type))
        {
            return (null, BadRequest("MissingType", "The activity has no 'type'; every activity needs one, e.g. \"message\"."));
        }

        return (activity, null);
    }

    // A first pass with the reader alone, so syntax errors, excessive nesting and non-object bodies get distinct answers.
    // The reader may go one level deeper than the limit so that depth is reported as such rather than as a syntax error.
    private static ActivityRequestError? CheckSyntax(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = ActivityJson.MaxDepth + 1 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return BadRequest("NotAnObject", "The request body must be one activity: a JSON object.");
            }

            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth + 1 > ActivityJson.MaxDepth)
                {
                    return BadRequest("TooDeep", $"The JSON is nested more than {ActivityJson.MaxDepth} levels deep.");
                }

                // An escape such as "\uD800" (half a surrogate pair) is valid JSON syntax but not text; it would fail
                // later, wherever the string is decoded or written (even inside an unknown field kept for round trips).
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && !CanDecode(ref reader))
                {
                    return BadRequest("InvalidJson", $"The request body has an invalid \\u escape (an unpaired surrogate) at byte {reader.TokenStartIndex + 1}.");
                }
            }

            return null;
        }
        catch (JsonException exception)
        {
            return BadRequest("InvalidJson", $"The request body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).");
        }
    }

    private static bool CanDecode(ref Utf8JsonReader reader)
    {
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static ActivityRequestError BadRequest(string code, string message) =>
        new(StatusCodes.Status400BadRequest, code, message);

    private static ActivityRequestError TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"The activity is larger than the limit of {limit} bytes.");

    private static bool IsJson(string? mediaType) =>
        string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
        || (mediaType is not null
            && mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
            && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static bool IsUtf8(string? charset) =>
        string.Equals(charset?.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase)
        || string.Equals(charset?.Trim('"'), "utf8", StringComparison.OrdinalIgnoreCase);
}
