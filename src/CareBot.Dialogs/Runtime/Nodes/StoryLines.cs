namespace CareBot.Dialogs.Runtime.Nodes;

/// <summary>
/// A text told over several messages (the story) is kept one message a line: listen nodes, <c>append: true</c> extracts
/// and <c>add_rest_to</c> answers all add to it the same way, and the agent console shows it line by line.
/// </summary>
internal static class StoryLines
{
    /// <summary><paramref name="line"/> after the text kept so far, on a new line; alone when nothing was kept.</summary>
    public static string Add(string? kept, string line) => kept is null ? line : kept + "\n" + line;
}
