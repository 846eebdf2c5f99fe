namespace CareBot.Web.Console;

/// <summary>A ready-made reply an agent inserts by typing <c>/</c> in the reply box; its text may hold placeholders.</summary>
public sealed class CannedResponse
{
    /// <summary>What the agent sees and filters by, e.g. <c>Order delayed</c>.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>The reply, e.g. <c>Hi {customer.name}, your order {captured.order} ships tomorrow.</c></summary>
    public string Text { get; set; } = string.Empty;
}
