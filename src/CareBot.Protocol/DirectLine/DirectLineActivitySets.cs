using System.Globalization;
using System.Text;

namespace CareBot.Protocol.DirectLine;

/// <summary>
/// The wire shapes every <see cref="IDirectLineStore"/> shares: activity ids made of the conversation id and a position,
/// and ActivitySet JSON (<c>{"activities":[...],"watermark":"n"}</c>) built from stored activity JSON without re-parsing it.
/// </summary>
public static class DirectLineActivitySets
{
    /// <summary>The id of the activity at <paramref name="position"/>: <c>{conversationId}|{position:0000000}</c>.</summary>
    public static string ActivityId(string conversationId, long position) =>
        conversationId + "|" + position.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>The position an activity id of this conversation names; null when it names none.</summary>
    public static int? PositionOf(string conversationId, string activityId)
    {
        var prefix = conversationId + "|";
        return activityId.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(activityId.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                ? position
                : null;
    }

    /// <summary>An ActivitySet of activities already serialized as JSON, with the watermark after them.</summary>
    public static string Frame(IEnumerable<string> activityJsons, long watermark)
    {
        var builder = new StringBuilder("{\"activities\":[");
        builder.AppendJoin(',', activityJsons);
        builder.Append("],\"watermark\":\"").Append(watermark.ToString(CultureInfo.InvariantCulture)).Append("\"}");
        return builder.ToString();
    }
}
