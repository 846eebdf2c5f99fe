namespace CareBot.Testing.Channel;

/// <summary>A request target mapped onto a Connector operation, under any path prefix.</summary>
internal sealed record ChannelRoute(
    ChannelOperation Operation,
    string PathPrefix,
    string? ConversationId,
    string? ActivityId,
    string? MemberId)
{
    /// <summary>The attachment of a <see cref="ChannelOperation.GetAttachment"/>.</summary>
    public string? AttachmentId { get; init; }

    /// <summary>The view of a <see cref="ChannelOperation.GetAttachment"/> (e.g. <c>original</c>).</summary>
    public string? ViewId { get; init; }

    /// <summary>
    /// Parses the raw (still escaped) target, so ids are decoded exactly once, as the bot escaped them; a
    /// <c>%2F</c> inside an id stays part of the id.
    /// </summary>
    public static ChannelRoute Parse(string method, string rawTarget)
    {
        var path = rawTarget.Split('?', 2)[0];
        var segments = path.Split('/');
        var v3 = Array.FindIndex(segments, s => s.Equals("v3", StringComparison.OrdinalIgnoreCase));
        if (method.Equals("GET", StringComparison.OrdinalIgnoreCase) && v3 >= 0 && segments[(v3 + 1)..] is ["attachments", var attachment, "views", var view])
        {
            return new(ChannelOperation.GetAttachment, string.Join('/', segments[..v3]) + "/", null, null, null)
            {
                AttachmentId = Uri.UnescapeDataString(attachment),
                ViewId = Uri.UnescapeDataString(view),
            };
        }

        if (v3 < 0 || v3 + 1 >= segments.Length || !segments[v3 + 1].Equals("conversations", StringComparison.OrdinalIgnoreCase))
        {
            return new ChannelRoute(ChannelOperation.Unknown, "/", null, null, null);
        }

        var prefix = string.Join('/', segments[..v3]) + "/";
        var rest = segments[(v3 + 2)..].Select(Uri.UnescapeDataString).ToArray();
        if (rest.Length > 0 && rest[^1].Length == 0)
        {
            rest = rest[..^1];
        }

        return (method.ToUpperInvariant(), rest) switch
        {
            ("POST", []) => new(ChannelOperation.CreateConversation, prefix, null, null, null),
            ("POST", [var c, "activities"]) => new(ChannelOperation.SendToConversation, prefix, c, null, null),
            ("POST", [var c, "activities", var a]) => new(ChannelOperation.ReplyToActivity, prefix, c, a, null),
            ("PUT", [var c, "activities", var a]) => new(ChannelOperation.UpdateActivity, prefix, c, a, null),
            ("DELETE", [var c, "activities", var a]) => new(ChannelOperation.DeleteActivity, prefix, c, a, null),
            ("GET", [var c, "members"]) => new(ChannelOperation.GetConversationMembers, prefix, c, null, null),
            ("GET", [var c, "members", var m]) => new(ChannelOperation.GetConversationMember, prefix, c, null, m),
            _ => new(ChannelOperation.Unknown, prefix, null, null, null),
        };
    }
}
