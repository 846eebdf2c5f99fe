namespace CareBot.Protocol;

/// <summary>
/// Reads a body from outside into memory, but never more than a bound (its Content-Length can be absent or wrong): a
/// webhook delivery, a part of an upload, a file fetched from a CDN, an agent's reply.
/// </summary>
public static class BoundedRead
{
    /// <summary>The bytes, or null as soon as there are more than <paramref name="limit"/> (read no further).</summary>
    public static async Task<byte[]?> AtMostAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
