using CareBot.Care.Studio;
using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Studio;

/// <summary>What every <see cref="IStudioStore"/> does, whatever the engine.</summary>
public abstract class StudioStoreContract(StorageFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private IStudioStore Store => fixture.Get<IStudioStore>();

    private static string NewId() => "dlg" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_draft_is_kept_per_admin_and_replaced_by_the_same_admin()
    {
        var id = NewId();
        await Store.SaveDraftAsync(new ScriptDraft(id, "ada", "v1", "first", At), CancellationToken.None);
        await Store.SaveDraftAsync(new ScriptDraft(id, "ben", "v1", "ben's", At.AddMinutes(1)), CancellationToken.None);
        await Store.SaveDraftAsync(new ScriptDraft(id, "ada", "v2", "second 😀", At.AddMinutes(2)), CancellationToken.None);

        var drafts = await Store.ListDraftsAsync(id, CancellationToken.None);

        Assert.Equal([("ada", "v2", "second 😀"), ("ben", "v1", "ben's")], drafts.Select(d => (d.Author, d.BaseVersion, d.Source)));
        Assert.Equal(At.AddMinutes(2), drafts[0].UpdatedAt);
        await Store.DeleteDraftAsync(id, "ada", CancellationToken.None);
        Assert.Equal(["ben"], (await Store.ListDraftsAsync(id, CancellationToken.None)).Select(d => d.Author));
    }

    [Fact]
    public async Task Publications_read_back_newest_first_with_their_audit_lines()
    {
        var id = NewId();
        var first = await Store.AddPublicationAsync(
            new ScriptPublication(id, "v1", "care.yaml", "source 1", "ada", At, "first note", PublicationKinds.Publish),
            new AuditEntry(At, "ada", PublicationKinds.Publish, id, "published " + id), CancellationToken.None);
        var second = await Store.AddPublicationAsync(
            new ScriptPublication(id, "v2", "care.yaml", "source 2", "ben", At.AddMinutes(5), "undo", PublicationKinds.RollBack),
            new AuditEntry(At.AddMinutes(5), "ben", PublicationKinds.RollBack, id, "rolled back " + id), CancellationToken.None);

        var history = await Store.ListPublicationsAsync(id, 10, CancellationToken.None);

        Assert.True(second > first);
        Assert.Equal(
            [(second, "v2", "source 2", "ben", At.AddMinutes(5), "undo", PublicationKinds.RollBack), (first, "v1", "source 1", "ada", At, "first note", PublicationKinds.Publish)],
            history.Select(p => (p.Number, p.Version, p.Source, p.Author, p.PublishedAt, p.Note, p.Kind)));
        Assert.Single(await Store.ListPublicationsAsync(id, 1, CancellationToken.None));
        var audit = await Store.ListAuditAsync(100, CancellationToken.None);
        Assert.Contains(audit, a => a.Detail == "rolled back " + id && a.Actor == "ben");
        Assert.Contains(audit, a => a.Detail == "published " + id && a.At == At);
    }

    [Fact]
    public async Task A_settings_change_is_audited_alone()
    {
        var detail = "brand name changed " + Guid.NewGuid().ToString("N");

        await Store.AddAuditAsync(new AuditEntry(At, "ada", PublicationKinds.Settings, "settings:brand", detail), CancellationToken.None);

        Assert.Contains(await Store.ListAuditAsync(100, CancellationToken.None), a => a.Detail == detail && a.Action == PublicationKinds.Settings);
    }
}
