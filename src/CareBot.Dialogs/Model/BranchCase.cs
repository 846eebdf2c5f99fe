namespace CareBot.Dialogs.Model;

/// <summary>One arm of a branch: when the condition holds, go to the target.</summary>
public sealed record BranchCase(Condition When, NodeLink Goto);
