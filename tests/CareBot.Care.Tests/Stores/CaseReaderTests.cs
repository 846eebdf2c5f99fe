using CareBot.Care.Cases;
using CareBot.Care.Stores;
using Moq;
using static CareBot.Care.Tests.Bot.CareFixtures;

namespace CareBot.Care.Tests.Stores;

public sealed class CaseReaderTests
{
    private readonly Mock<ICaseStore> store = new(MockBehavior.Strict);

    [Fact]
    public async Task A_summary_carries_the_counts_and_a_short_preview_of_the_last_message_not_the_transcript()
    {
        var lines = Enumerable.Range(0, 30).Select(i => Line(CaseAuthor.Customer, $"message {i} " + new string('x', 500))).ToList();
        var value = QueuedCase(transcript: lines);
        value.AddNote("ana", "Called the courier", Now.AddMinutes(3));
        store.Setup(s => s.ListAsync(It.IsAny<CaseQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync([new CaseRecord(value, 1)]);

        var summary = Assert.Single(await new CaseReader(store.Object).ListAsync(new CaseQuery(), CancellationToken.None));

        Assert.Equal((value.Id, CaseStatus.Queued, "Dana", 30, 1), (summary.Id, summary.Status, summary.CustomerName, summary.MessageCount, summary.NoteCount));
        Assert.Equal(CaseSummary.PreviewLength, summary.LastMessage!.Text.Length);
        Assert.StartsWith("message 29 ", summary.LastMessage.Text, StringComparison.Ordinal);
        Assert.Equal(Now.AddMinutes(3), summary.UpdatedAt);
        Assert.Equal(value.FirstResponseDue, summary.SlaDue);
    }

    [Fact]
    public async Task Messages_are_read_in_pages_with_the_position_of_the_next_page()
    {
        var value = QueuedCase(transcript: [.. Enumerable.Range(0, 5).Select(i => Line(CaseAuthor.Customer, "m" + i))]);
        store.Setup(s => s.GetAsync(value.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new CaseRecord(value, 1));
        var reader = new CaseReader(store.Object);

        var first = await reader.GetMessagesAsync(value.Id, 0, 2, CancellationToken.None);
        var last = await reader.GetMessagesAsync(value.Id, 4, 2, CancellationToken.None);
        var beyond = await reader.GetMessagesAsync(value.Id, 9, 2, CancellationToken.None);

        Assert.Equal(["m0", "m1"], first!.Messages.Select(m => m.Text));
        Assert.Equal((2, 5), (first.Next, first.Total));
        Assert.Equal(["m4"], last!.Messages.Select(m => m.Text));
        Assert.Null(last.Next);
        Assert.Empty(beyond!.Messages);
        Assert.Null(beyond.Next);
    }

    [Fact]
    public async Task An_unknown_case_has_no_page_and_a_page_is_at_most_the_maximum()
    {
        store.Setup(s => s.GetAsync("C-1", It.IsAny<CancellationToken>())).ReturnsAsync((CaseRecord?)null);
        var reader = new CaseReader(store.Object);

        Assert.Null(await reader.GetMessagesAsync("C-1", 0, 10, CancellationToken.None));
        Assert.Null(await reader.GetMessagesAsync("not-a-case", 0, 10, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.GetMessagesAsync("C-1", 0, CaseReader.MaxPageSize + 1, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.GetMessagesAsync("C-1", -1, 10, CancellationToken.None));
    }
}
