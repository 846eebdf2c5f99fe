using CareBot.Care.Triage.Model;

namespace CareBot.Care.Tests.Triage.Model;

/// <summary>The care model moved to a deployment's share of complaints (Triage:ComplaintShare), by Bayes' rule on the odds.</summary>
public sealed class ComplaintShareTests
{
    [Theory]
    [InlineData(0.5, 0.40)]
    [InlineData(0.7, 0.222)]
    [InlineData(0.3, 0.609)]
    public void The_complaint_threshold_moves_with_the_odds_of_a_complaint(double share, double threshold)
    {
        Assert.Equal(0.40, CareModel.Embedded.Threshold(CareModel.ComplaintHead));

        var moved = CareModel.Embedded.WithComplaintShare(share);

        Assert.Equal(threshold, moved.Threshold(CareModel.ComplaintHead), 3);
        Assert.Equal(CareModel.Embedded.Threshold(CareModel.PraiseHead), moved.Threshold(CareModel.PraiseHead));
        Assert.Equal(CareModel.Embedded.Threshold(CareModel.UrgencyHead), moved.Threshold(CareModel.UrgencyHead));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void A_share_of_none_or_all_is_refused(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CareModel.Embedded.WithComplaintShare(share));
}
