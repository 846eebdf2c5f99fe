namespace CareBot.Server.Endpoints;

/// <summary>The chat page (section <c>Chat</c>).</summary>
public sealed class ChatPageOptions
{
    public const string SectionName = "Chat";

    /// <summary>
    /// Whether the page may talk to another Direct Line channel named in its URL (<c>?domain=</c> with <c>token=</c> or
    /// <c>tokenUrl=</c>). Default false: a link could otherwise send a visitor's messages to anyone's server.
    /// </summary>
    public bool AllowExternalDirectLine { get; set; }
}
