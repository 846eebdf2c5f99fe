using CareBot.Care.Agents;
using CareBot.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Storage.Tests.Agents;

/// <summary>What every <see cref="IAgentPreferenceStore"/> does, whatever the engine.</summary>
public abstract class AgentPreferenceStoreContract(StorageFixture fixture)
{
    private IAgentPreferenceStore Preferences => fixture.Get<IAgentPreferenceStore>();

    [Fact]
    public async Task A_saved_preference_is_read_back_replaced_and_kept_per_agent_and_name()
    {
        await Preferences.SaveAsync("ana", "inbox-filter", """{"view":"Mine"}""", CancellationToken.None);
        await Preferences.SaveAsync("ana", "inbox-filter", """{"view":"Unassigned"}""", CancellationToken.None);
        await Preferences.SaveAsync("ben", "inbox-filter", """{"view":"All"}""", CancellationToken.None);

        Assert.Equal("""{"view":"Unassigned"}""", await Preferences.GetAsync("ana", "inbox-filter", CancellationToken.None));
        Assert.Equal("""{"view":"All"}""", await Preferences.GetAsync("ben", "inbox-filter", CancellationToken.None));
        Assert.Null(await Preferences.GetAsync("ana", "notifications", CancellationToken.None));
        await using var restarted = fixture.Reopen();
        Assert.Equal("""{"view":"Unassigned"}""", await restarted.GetRequiredService<IAgentPreferenceStore>().GetAsync("ana", "inbox-filter", CancellationToken.None));
    }

    [Fact]
    public async Task An_oversized_preference_is_refused()
    {
        var json = "\"" + new string('x', IAgentPreferenceStore.MaxLength) + "\"";

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Preferences.SaveAsync("ana", "big", json, CancellationToken.None));
    }
}
