using CareBot.Care.Settings;
using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Settings;

/// <summary>What every <see cref="ILiveSettingsStore"/> does, whatever the engine.</summary>
public abstract class LiveSettingsStoreContract(StorageFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private ILiveSettingsStore Store => fixture.Get<ILiveSettingsStore>();

    private static string NewSection() => "Section" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_section_is_saved_with_version_1_and_each_save_after_adds_one()
    {
        var section = NewSection();

        var first = await Store.SaveAsync(section, """{"Sla":{"High":{"FirstResponse":"00:10:00"}}}""", 0, "ada", At, CancellationToken.None);
        var second = await Store.SaveAsync(section, """{"BrandName":"Fabrikam 😀"}""", 1, "ben", At.AddMinutes(1), CancellationToken.None);

        Assert.Equal((1L, 2L), (first, second));
        var saved = Assert.Single(await Store.ListAsync(CancellationToken.None), s => s.Section == section);
        Assert.Equal(("""{"BrandName":"Fabrikam 😀"}""", 2L, "ben", At.AddMinutes(1)), (saved.Json, saved.Version, saved.UpdatedBy, saved.UpdatedAt));
    }

    [Fact]
    public async Task A_save_on_a_version_that_is_no_longer_current_stores_nothing()
    {
        var section = NewSection();
        await Store.SaveAsync(section, "{\"A\":\"1\"}", 0, "ada", At, CancellationToken.None);

        var twiceFirst = await Store.SaveAsync(section, "{\"A\":\"2\"}", 0, "ben", At, CancellationToken.None);
        var stale = await Store.SaveAsync(section, "{\"A\":\"3\"}", 5, "ben", At, CancellationToken.None);

        Assert.Null(twiceFirst);
        Assert.Null(stale);
        Assert.Equal("{\"A\":\"1\"}", Assert.Single(await Store.ListAsync(CancellationToken.None), s => s.Section == section).Json);
    }
}
