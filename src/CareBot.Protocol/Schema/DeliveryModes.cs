namespace CareBot.Protocol.Schema;

/// <summary>Values of <see cref="Activity.DeliveryMode"/>.</summary>
public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string Notification = "notification";

    /// <summary>The caller wants every reply of the turn in the HTTP response body instead of sent to the serviceUrl.</summary>
    public const string ExpectReplies = "expectReplies";
    public const string Ephemeral = "ephemeral";
}
