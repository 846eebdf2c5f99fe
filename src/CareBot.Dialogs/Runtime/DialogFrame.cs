namespace CareBot.Dialogs.Runtime;

/// <summary>
/// One entry of the call stack: a dialog (pinned to a version) and a node in it. For the top frame, the active node;
/// for a caller, the node to continue at when the callee ends (null: end the caller too).
/// </summary>
public sealed record DialogFrame(string ScriptId, string Version, string? Node);
