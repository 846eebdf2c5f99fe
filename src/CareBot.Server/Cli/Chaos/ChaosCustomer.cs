namespace CareBot.Server.Cli.Chaos;

/// <summary>A customer with words of their own, so that each case's transcript can be checked line by line.</summary>
internal sealed class ChaosCustomer(int number)
{
    public const int MessageCount = 5;

    private readonly List<string> acknowledged = [];

    public int Number => number;

    public string UserId => $"customer-{number}";

    public string Name => $"Customer {number}";

    public string Email => $"customer-{number}@example.com";

    /// <summary>The public conversation (a brand's wall) the complaint is posted on.</summary>
    public string Wall => $"wall-{number}";

    public string PublicPost => $"ORDER AB-{100000 + number} NEVER ARRIVED AND NOBODY ANSWERS!!! WORST SERVICE EVER";

    /// <summary>What the customer writes in the private chat the bot opens, ending with the email the flow asks for.</summary>
    public IReadOnlyList<string> PrivateMessages =>
    [
        $"I waited {number + 1} weeks and the tracking hasn't moved",
        "and the hotline hung up on me twice",
        "that's all",
        Email,
    ];

    /// <summary>The texts the bot answered with a 2xx (the channel's retries included), a snapshot.</summary>
    public IReadOnlyList<string> Acknowledged
    {
        get
        {
            lock (acknowledged)
            {
                return [.. acknowledged];
            }
        }
    }

    public int AcknowledgedCount
    {
        get
        {
            lock (acknowledged)
            {
                return acknowledged.Count;
            }
        }
    }

    public void Acknowledge(string text)
    {
        lock (acknowledged)
        {
            acknowledged.Add(text);
        }
    }
}
