using CareBot.Protocol.DirectLine;
using CareBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Storage.Tests.DirectLine;

/// <summary>
/// What every <see cref="IDirectLineUploadStore"/> does, whatever the engine. Tests in a class share the database, so the
/// ones on the bound over all files or on retention (which reach every file in it) open a database of their own.
/// </summary>
public abstract class DirectLineUploadStoreContract(StorageFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, 123, TimeSpan.Zero);

    // Bounds nothing and forgets nothing: for the shared database, where the other tests' files are.
    private static readonly DirectLineUploadLimits Unbounded = new(int.MaxValue, long.MaxValue, DateTimeOffset.UnixEpoch);

    private IDirectLineUploadStore Store => fixture.Get<IDirectLineUploadStore>();

    private static string NewConversation() => "conv" + Guid.NewGuid().ToString("N")[..12];

    private static DirectLineUpload Upload(string conversation, int size, DateTimeOffset uploadedAt)
    {
        var content = new byte[size];
        Random.Shared.NextBytes(content);
        return new DirectLineUpload(Guid.NewGuid().ToString("N"), conversation, "photo.png", "image/png", content, uploadedAt);
    }

    private async Task<ServiceProvider> OwnDatabaseAsync() => fixture.CreateServices(await fixture.CreateDatabaseAsync());

    [Fact]
    public async Task A_saved_file_is_found_with_its_bytes_name_content_type_conversation_and_time_to_the_millisecond()
    {
        var content = new byte[200_000];
        Random.Shared.NextBytes(content);
        content[0] = 0x00;
        content[^1] = 0xFF;
        var file = new DirectLineUpload(Guid.NewGuid().ToString("N"), NewConversation(), "Quittung März 😀.pdf", "application/pdf", content, At);

        var outcome = await Store.SaveAsync([file], Unbounded, CancellationToken.None);

        Assert.Equal(DirectLineUploadOutcome.Saved, outcome);
        var found = await Store.FindAsync(file.Id, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(content, found.Content);
        Assert.Equal(
            (file.Id, file.ConversationId, "Quittung März 😀.pdf", "application/pdf", At),
            (found.Id, found.ConversationId, found.Name, found.ContentType, found.UploadedAt));
    }

    [Fact]
    public async Task Saves_at_the_same_moment_take_turns_so_a_conversation_never_passes_its_limit()
    {
        var limits = Unbounded with { MaxPerConversation = 3 };
        var conversation = NewConversation();
        var files = Enumerable.Range(0, 12).Select(_ => Upload(conversation, 5, At)).ToList();

        var outcomes = await Task.WhenAll(files.Select(file => Task.Run(() => Store.SaveAsync([file], limits, CancellationToken.None))));

        Assert.Equal(3, outcomes.Count(outcome => outcome == DirectLineUploadOutcome.Saved));
        Assert.Equal(9, outcomes.Count(outcome => outcome == DirectLineUploadOutcome.ConversationFull));
    }

    [Fact]
    public async Task An_unknown_id_finds_nothing_and_ids_are_compared_exactly()
    {
        var file = Upload(NewConversation(), 10, At);
        await Store.SaveAsync([file], Unbounded, CancellationToken.None);

        Assert.NotNull(await Store.FindAsync(file.Id, CancellationToken.None));
        Assert.Null(await Store.FindAsync(Guid.NewGuid().ToString("N"), CancellationToken.None));
        Assert.Null(await Store.FindAsync(file.Id.ToUpperInvariant(), CancellationToken.None));
        Assert.Null(await Store.FindAsync(file.Id[..31], CancellationToken.None));
    }

    [Fact]
    public async Task A_conversation_at_its_limit_is_refused_and_nothing_of_that_call_is_saved()
    {
        var limits = Unbounded with { MaxPerConversation = 3 };
        var conversation = NewConversation();
        Assert.Equal(DirectLineUploadOutcome.Saved, await Store.SaveAsync([Upload(conversation, 5, At), Upload(conversation, 5, At)], limits, CancellationToken.None));
        var tooMany = new[] { Upload(conversation, 5, At), Upload(conversation, 5, At) };

        var refused = await Store.SaveAsync(tooMany, limits, CancellationToken.None);
        var last = Upload(conversation, 5, At);
        var fits = await Store.SaveAsync([last], limits, CancellationToken.None);
        var full = await Store.SaveAsync([Upload(conversation, 5, At)], limits, CancellationToken.None);
        var otherConversation = await Store.SaveAsync([Upload(NewConversation(), 5, At)], limits, CancellationToken.None);

        Assert.Equal(DirectLineUploadOutcome.ConversationFull, refused);
        Assert.Null(await Store.FindAsync(tooMany[0].Id, CancellationToken.None));
        Assert.Null(await Store.FindAsync(tooMany[1].Id, CancellationToken.None));
        Assert.Equal(DirectLineUploadOutcome.Saved, fits);
        Assert.NotNull(await Store.FindAsync(last.Id, CancellationToken.None));
        Assert.Equal(DirectLineUploadOutcome.ConversationFull, full);
        Assert.Equal(DirectLineUploadOutcome.Saved, otherConversation);
    }

    [Fact]
    public async Task The_bound_on_all_bytes_counts_the_files_of_every_conversation()
    {
        await using var services = await OwnDatabaseAsync();
        var store = services.GetRequiredService<IDirectLineUploadStore>();
        var limits = new DirectLineUploadLimits(10, 100, DateTimeOffset.UnixEpoch);
        Assert.Equal(DirectLineUploadOutcome.Saved, await store.SaveAsync([Upload(NewConversation(), 60, At)], limits, CancellationToken.None));
        var conversation = NewConversation();
        var tooBig = Upload(conversation, 41, At);
        var fitting = Upload(conversation, 40, At);

        var refused = await store.SaveAsync([tooBig], limits, CancellationToken.None);
        var saved = await store.SaveAsync([fitting], limits, CancellationToken.None);

        Assert.Equal(DirectLineUploadOutcome.StorageFull, refused);
        Assert.Null(await store.FindAsync(tooBig.Id, CancellationToken.None));
        Assert.Equal(DirectLineUploadOutcome.Saved, saved);
        Assert.NotNull(await store.FindAsync(fitting.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Two_files_of_one_call_are_saved_together()
    {
        var conversation = NewConversation();
        var first = Upload(conversation, 7, At);
        var second = Upload(conversation, 9, At.AddMilliseconds(1)) with { Name = "scan.jpg", ContentType = "image/jpeg" };

        var outcome = await Store.SaveAsync([first, second], Unbounded with { MaxPerConversation = 2 }, CancellationToken.None);

        Assert.Equal(DirectLineUploadOutcome.Saved, outcome);
        var foundFirst = await Store.FindAsync(first.Id, CancellationToken.None);
        var foundSecond = await Store.FindAsync(second.Id, CancellationToken.None);
        Assert.Equal(first.Content, foundFirst?.Content);
        Assert.Equal(second.Content, foundSecond?.Content);
        Assert.Equal(("scan.jpg", "image/jpeg", At.AddMilliseconds(1)), (foundSecond?.Name, foundSecond?.ContentType, foundSecond?.UploadedAt));
    }

    [Fact]
    public async Task Files_of_two_conversations_in_one_call_are_refused_as_an_argument_error_and_nothing_is_saved()
    {
        var first = Upload(NewConversation(), 5, At);
        var second = Upload(NewConversation(), 5, At);

        await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveAsync([first, second], Unbounded, CancellationToken.None));

        Assert.Null(await Store.FindAsync(first.Id, CancellationToken.None));
        Assert.Null(await Store.FindAsync(second.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Files_uploaded_before_the_cut_off_are_deleted_by_the_next_save_and_newer_ones_stay()
    {
        await using var services = await OwnDatabaseAsync();
        var store = services.GetRequiredService<IDirectLineUploadStore>();
        var cutOff = At.AddDays(-1);
        var old = Upload(NewConversation(), 5, cutOff.AddMilliseconds(-1));
        var atCutOff = Upload(NewConversation(), 5, cutOff);
        var newer = Upload(NewConversation(), 5, At.AddHours(-1));
        foreach (var file in new[] { old, atCutOff, newer })
        {
            await store.SaveAsync([file], Unbounded, CancellationToken.None);
        }

        Assert.NotNull(await store.FindAsync(old.Id, CancellationToken.None));
        var next = Upload(NewConversation(), 5, At);
        var outcome = await store.SaveAsync([next], Unbounded with { ForgetBefore = cutOff }, CancellationToken.None);

        Assert.Equal(DirectLineUploadOutcome.Saved, outcome);
        Assert.Null(await store.FindAsync(old.Id, CancellationToken.None));
        Assert.NotNull(await store.FindAsync(atCutOff.Id, CancellationToken.None));
        Assert.NotNull(await store.FindAsync(newer.Id, CancellationToken.None));
        Assert.NotNull(await store.FindAsync(next.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Forgetting_old_files_makes_room_for_a_save_that_would_not_fit_otherwise()
    {
        await using var services = await OwnDatabaseAsync();
        var store = services.GetRequiredService<IDirectLineUploadStore>();
        var old = Upload(NewConversation(), 80, At.AddDays(-2));
        await store.SaveAsync([old], Unbounded, CancellationToken.None);
        var limits = new DirectLineUploadLimits(10, 100, At.AddDays(-3));
        var file = Upload(NewConversation(), 30, At);

        var keepingTheOldFile = await store.SaveAsync([file], limits, CancellationToken.None);
        var forgettingIt = await store.SaveAsync([file], limits with { ForgetBefore = At.AddDays(-1) }, CancellationToken.None);

        Assert.Equal(DirectLineUploadOutcome.StorageFull, keepingTheOldFile);
        Assert.Equal(DirectLineUploadOutcome.Saved, forgettingIt);
        Assert.Null(await store.FindAsync(old.Id, CancellationToken.None));
        Assert.NotNull(await store.FindAsync(file.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_save_still_forgets_the_files_past_retention()
    {
        await using var services = await OwnDatabaseAsync();
        var store = services.GetRequiredService<IDirectLineUploadStore>();
        var conversation = NewConversation();
        var old = Upload(conversation, 5, At.AddDays(-2));
        await store.SaveAsync([old], Unbounded, CancellationToken.None);
        var refusedFile = Upload(conversation, 5, At);

        var outcome = await store.SaveAsync([refusedFile], new DirectLineUploadLimits(0, 100, At.AddDays(-1)), CancellationToken.None);

        Assert.Equal(DirectLineUploadOutcome.ConversationFull, outcome);
        Assert.Null(await store.FindAsync(old.Id, CancellationToken.None));
        Assert.Null(await store.FindAsync(refusedFile.Id, CancellationToken.None));
    }
}
