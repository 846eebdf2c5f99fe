using CareBot.Care.Cases;

namespace CareBot.Care.Analytics;

/// <summary>
/// An offline quality score for a case, 0 to 100, from what happened to it (no survey needed): it starts at 75 and
/// <list type="bullet">
/// <item>moves by 25 × the sentiment change from the first to the last triaged customer message (−50 to +50);</item>
/// <item>loses 5 per venting message (compound ≤ −0.5) after the first, at most 20;</item>
/// <item>loses 20 when the first response by a person came after its SLA (or is overdue);</item>
/// <item>loses 15 per reopening (the same customer opened another case within a week of this one's resolution).</item>
/// </list>
/// </summary>
public static class CaseQualityScore
{
    public const double VentThreshold = -0.5;

    public static readonly TimeSpan ReopeningWindow = TimeSpan.FromDays(7);

    public static int Compute(Case value, int reopenings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(value);
        var score = 75.0;
        if (value.Triage.Count > 0)
        {
            score += 25 * (value.Triage[^1].Compound - value.Triage[0].Compound);
            var vents = value.Triage.Count(t => t.Compound <= VentThreshold);
            score -= Math.Min(20, 5 * Math.Max(0, vents - 1));
        }

        var firstResponse = value.FirstRespondedAt ?? (now > value.FirstResponseDue ? now : (DateTimeOffset?)null);
        if (firstResponse > value.FirstResponseDue)
        {
            score -= 20;
        }

        score -= 15 * reopenings;
        return (int)Math.Round(Math.Clamp(score, 0, 100), MidpointRounding.AwayFromZero);
    }

    /// <summary>How many of <paramref name="cases"/> reopened <paramref name="value"/>: same customer, opened within a week after it was resolved.</summary>
    public static int ReopeningsOf(Case value, IEnumerable<Case> cases)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(cases);
        return ReopeningsOf(value, cases
            .Where(other => other.Customer.ChannelId == value.Customer.ChannelId && other.Customer.UserId == value.Customer.UserId)
            .Select(other => (other.Id, other.CreatedAt)));
    }

    /// <summary>
    /// The same count from the customer's other cases (id and creation time, e.g. the case page's customer history):
    /// those opened within a week after <paramref name="value"/> was resolved. The one definition the report and the
    /// case page share.
    /// </summary>
    public static int ReopeningsOf(Case value, IEnumerable<(string CaseId, DateTimeOffset CreatedAt)> sameCustomerCases)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(sameCustomerCases);
        if (value.ResolvedAt is not { } resolved)
        {
            return 0;
        }

        return sameCustomerCases.Count(other => other.CaseId != value.Id && other.CreatedAt >= resolved && other.CreatedAt < resolved + ReopeningWindow);
    }
}
