using System.Security.Cryptography;
using System.Text;

namespace CareBot.Protocol.Schema;

/// <summary>
/// Activity ids the bot mints itself for a message it may send more than once, such as a proactive message from a durable
/// queue that a crash interrupted between the send and its bookkeeping. The id is derived from the sender's idempotency key,
/// so every attempt carries the same id, and a receiver that dedupes by id (spec A2033) can drop the repeat.
/// </summary>
/// <remarks>
/// The spec lets a bot leave <c>id</c> out (A2031, a SHOULD NOT): the channel masters ids and ignores or overwrites one a
/// bot sends. The Connector client therefore sends only ids of this form and strips every other id. An id that came from
/// an inbound activity, for example a reply built from it, must not go back out as though it were the bot's.
/// </remarks>
public static class SenderActivityIds
{
    /// <summary>The prefix that marks an id as minted by the bot (and so one the Connector client keeps in the body).</summary>
    public const string Prefix = "cb-";

    /// <summary>The id for a sender's idempotency key: a short hash, stable across retries, restarts and instances.</summary>
    public static string For(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 12));
    }

    /// <summary>Whether <paramref name="activityId"/> was minted by <see cref="For"/> (rather than assigned by a channel).</summary>
    public static bool IsSenderId(string? activityId) =>
        activityId is { Length: > 0 } && activityId.StartsWith(Prefix, StringComparison.Ordinal);
}
