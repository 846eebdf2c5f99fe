namespace CareBot.Web.Studio;

/// <summary>One key the studio editor offers, with the schema's description of it.</summary>
public sealed record CompletionKey(string Label, string Description);
