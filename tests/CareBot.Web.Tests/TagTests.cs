using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Web.Console;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CareBot.Web.Tests;

/// <summary>Tags on cases: who may tag, what a tag may be, the audit note, and a tag that survives a concurrent change.</summary>
public sealed class TagTests
{
    private static readonly DateTimeOffset Now = TestCases.Opened;
    private readonly Mock<IAgentAccountStore> accounts = new();
    private readonly Mock<ICaseStore> cases = new();
    private readonly CaseEventFeed feed = new();

    public TagTests()
    {
        accounts.Setup(a => a.GetAsync("ana", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AgentAccount("ana", "Ana", AgentRole.Agent, ["care"], false, "hash", 0, null, Now));
    }

    private ConsoleDesk Desk() => new(accounts.Object, cases.Object, null!, feed, new FakeTimeProvider(Now));

    [Fact]
    public async Task A_tag_is_stored_lower_case_with_a_note_saying_who_and_retried_after_a_concurrent_change()
    {
        var stale = TestCases.Queued(1001);
        var fresh = TestCases.Queued(1001);
        cases.SetupSequence(c => c.GetAsync("C-1001", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CaseRecord(stale, 1))
            .ReturnsAsync(new CaseRecord(stale, 1))
            .ReturnsAsync(new CaseRecord(fresh, 2));
        cases.Setup(c => c.UpdateAsync(stale, 1, It.IsAny<IReadOnlyList<NewOutboxMessage>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new CaseConflictException("C-1001", 1));
        cases.Setup(c => c.UpdateAsync(fresh, 2, It.IsAny<IReadOnlyList<NewOutboxMessage>>(), It.IsAny<CancellationToken>())).ReturnsAsync(3);

        var result = await Desk().AddTagAsync("ana", "C-1001", " Wrong-Size ", CancellationToken.None);

        Assert.True(result.Done, result.Problem);
        Assert.Equal(["wrong-size"], fresh.Tags);
        Assert.Equal("ana tagged the case 'wrong-size'.", fresh.Notes[^1].Text);
        Assert.Equal("ana", fresh.Notes[^1].Author);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("<script>")]
    [InlineData("a-tag-that-is-far-too-long-to-be-read-in-a-row")]
    public async Task A_tag_that_is_not_a_short_word_is_refused_before_anything_is_read(string tag)
    {
        var result = await Desk().AddTagAsync("ana", "C-1001", tag, CancellationToken.None);

        Assert.False(result.Done);
        Assert.Equal(CaseTags.Rule, result.Problem);
        cases.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Removing_a_tag_notes_who_and_the_same_tag_twice_is_refused()
    {
        var value = TestCases.Queued(1001);
        value.AddTag("vip", "ben", Now);
        cases.Setup(c => c.GetAsync("C-1001", It.IsAny<CancellationToken>())).ReturnsAsync(() => new CaseRecord(value, 1));
        cases.Setup(c => c.UpdateAsync(value, 1, It.IsAny<IReadOnlyList<NewOutboxMessage>>(), It.IsAny<CancellationToken>())).ReturnsAsync(2);

        var twice = await Desk().AddTagAsync("ana", "C-1001", "VIP", CancellationToken.None);
        var removed = await Desk().RemoveTagAsync("ana", "C-1001", "vip", CancellationToken.None);

        Assert.False(twice.Done);
        Assert.Contains("already tagged 'vip'", twice.Problem, StringComparison.Ordinal);
        Assert.True(removed.Done, removed.Problem);
        Assert.Empty(value.Tags);
        Assert.Equal("ana removed the tag 'vip'.", value.Notes[^1].Text);
    }
}
