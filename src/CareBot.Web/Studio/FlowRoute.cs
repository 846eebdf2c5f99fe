namespace CareBot.Web.Studio;

/// <summary>A route of the flow view: from one node to another through a field (next, goto, fallback...).</summary>
/// <param name="TargetExists">False when the route goes to a node the dialog does not have (the validator reports it).</param>
public sealed record FlowRoute(string From, string To, string Field, bool TargetExists);
