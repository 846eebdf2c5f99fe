using System.Text;
using CareBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;

namespace CareBot.Protocol.Hosting;

/// <summary>
/// Checks the fields a turn is addressed by before anything else looks at them: <c>channelId</c>, <c>serviceUrl</c>,
/// <c>conversation.id</c> and <c>from.id</c> are required; those and the other ids must fit
/// <see cref="ActivityLimits"/> and hold no control characters; <c>serviceUrl</c> must be an absolute http(s) base URL.
/// </summary>
internal static class ActivityValidator
{
    /// <summary>The 400 to answer, or null when the activity can be authenticated and processed.</summary>
    public static ActivityRequestError? Validate(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return CheckId("channelId", activity.ChannelId, ActivityLimits.MaxChannelIdBytes, required: true)
            ?? CheckServiceUrl(activity.ServiceUrl)
            ?? CheckId("conversation.id", activity.Conversation?.Id, ActivityLimits.MaxConversationIdBytes, required: true)
            ?? CheckId("from.id", activity.From?.Id, ActivityLimits.MaxAccountIdBytes, required: true)
            ?? CheckId("recipient.id", activity.Recipient?.Id, ActivityLimits.MaxAccountIdBytes, required: false)
            ?? CheckId("id", activity.Id, ActivityLimits.MaxActivityIdBytes, required: false)
            ?? CheckId("replyToId", activity.ReplyToId, ActivityLimits.MaxActivityIdBytes, required: false);
    }

    private static ActivityRequestError? CheckId(string field, string? value, int maxBytes, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required
                ? BadRequest("MissingField", $"The activity has no '{field}'; channels always send one.")
                : null;
        }

        return CheckText(field, value, maxBytes);
    }

    private static ActivityRequestError? CheckServiceUrl(string? serviceUrl)
    {
        if (string.IsNullOrWhiteSpace(serviceUrl))
        {
            return BadRequest("MissingField", "The activity has no 'serviceUrl'; channels always send the URL replies go to.");
        }

        if (CheckText("serviceUrl", serviceUrl, ActivityLimits.MaxServiceUrlBytes) is { } error)
        {
            return error;
        }

        // The same rule the Connector applies before it calls a serviceUrl, so an activity it could never answer is
        // refused here instead of failing its turn.
        if (!Uri.TryCreate(serviceUrl.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return BadRequest("InvalidServiceUrl",
                "The activity's 'serviceUrl' must be an absolute http or https URL without query, fragment or user info, e.g. \"https://smba.trafficmanager.net/amer/\".");
        }

        return null;
    }

    private static ActivityRequestError? CheckText(string field, string value, int maxBytes)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > maxBytes)
        {
            return BadRequest("FieldTooLong", $"The activity's '{field}' is {bytes} bytes long; at most {maxBytes} are accepted.");
        }

        if (value.AsSpan().IndexOfAnyInRange('\0', '\u001F') >= 0 || value.AsSpan().IndexOfAnyInRange('\u007F', '\u009F') >= 0)
        {
            return BadRequest("InvalidField", $"The activity's '{field}' contains a control character; ids and URLs are plain text.");
        }

        return null;
    }

    private static ActivityRequestError BadRequest(string code, string message) =>
        new(StatusCodes.Status400BadRequest, code, message);
}
