using CareBot.Dialogs.Capture;

namespace CareBot.Dialogs.Tests.Capture;

/// <summary>A post that opens by tagging someone else talks to them; one that names the brand's handle is to us.</summary>
public class OpeningHandlesTests
{
    [Theory]
    [InlineData("@dave this is literally you")]
    [InlineData("  @sarah_k, @tom.h we need this")]
    [InlineData("@lucy_p can we go this weekend?")]
    [InlineData("@jane same thing happened to me, 3 weeks and no refund")]
    [InlineData("@maria mira esto")]
    public void AFriendTagged_IsToSomeoneElse(string text) =>
        Assert.True(OpeningHandles.IsToSomeoneElse(text, "Contoso", []));

    [Theory]
    [InlineData("@contoso my parcel is late")]
    [InlineData("@Contoso_UK my parcel is late")]
    [InlineData("@contosocare @dave they lost my bag")]
    [InlineData("@dave @contoso they lost my bag")]
    [InlineData("@jane same here @ContosoHelp sort it out")]
    [InlineData("my parcel is late @dave")]
    [InlineData("dave@example.com is my email")]
    [InlineData("@ what")]
    [InlineData("")]
    public void APostToTheBrand_OrNotOpeningWithAHandle_IsNot(string text) =>
        Assert.False(OpeningHandles.IsToSomeoneElse(text, "Contoso", []));

    [Fact]
    public void AListedHandle_IsTheBrands_EvenWhenItDoesNotStartWithTheName()
    {
        Assert.True(OpeningHandles.IsToSomeoneElse("@FlyAA lost my bag", "American Airlines", []));
        Assert.False(OpeningHandles.IsToSomeoneElse("@FlyAA lost my bag", "American Airlines", ["flyaa"]));
        Assert.False(OpeningHandles.IsToSomeoneElse("@Fly_AA lost my bag", "American Airlines", ["@FlyAA"]));
    }

    [Theory]
    [InlineData("@AmericanAir lost my bag", false)]
    [InlineData("@americanairlines lost my bag", false)]
    [InlineData("@amer lost my bag", false)]
    [InlineData("@ame lost my bag", true)]
    [InlineData("@delta lost my bag", true)]
    public void AHandleTheBrandNameStartsWith_IsTheBrands_FromFourLetters(string text, bool someoneElse)
    {
        Assert.Equal(someoneElse, OpeningHandles.IsToSomeoneElse(text, "American Airlines", []));
    }

    [Fact]
    public void WithoutABrandName_OnlyListedHandlesAreTheBrands()
    {
        Assert.True(OpeningHandles.IsToSomeoneElse("@contoso hi", null, []));
        Assert.False(OpeningHandles.IsToSomeoneElse("@contoso hi", null, ["contoso"]));
    }
}
