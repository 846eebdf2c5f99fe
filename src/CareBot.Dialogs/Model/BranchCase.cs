namespace CareBot.Dialogs.Model;

/// <summary>
/// One arm of a branch: when the condition holds, go to the target. <paramref name="BeforeDecline"/> (an ask node's
/// interrupt, <c>before_decline: true</c>) is heard before the node's decline words: "I said forget it. I don't want to
/// take this further" holds "forget it", a decline word at the email question, and a case was opened anyway.
/// </summary>
public sealed record BranchCase(Condition When, NodeLink Goto, bool BeforeDecline = false);
