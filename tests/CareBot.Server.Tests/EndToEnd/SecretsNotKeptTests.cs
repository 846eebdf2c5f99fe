using System.Text.Json;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Server.Tests.DirectLine;
using CareBot.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Server.Tests.EndToEnd;

/// <summary>
/// A customer types a card number and a password into the built-in chat of the real server (care bot, SQLite): the bot
/// reads them (it warns and gets a person), but neither the chat's history nor the case keeps them.
/// </summary>
public sealed class SecretsNotKeptTests
{
    [Fact]
    public async Task A_card_number_and_a_password_reach_the_bot_but_not_the_chat_history_or_the_case()
    {
        await using var server = await CareBotTestServer.StartAsync(settings: new Dictionary<string, string?> { ["DirectLine:Secret"] = DirectLineServer.Secret });
        using var ana = await DirectLineCustomer.StartAsync(server.BaseAddress, "dl_ana", "Ana");

        await ana.SayAsync("my card 4111 1111 1111 1111 was charged twice and my password is Summer2024!", "ana@example.com");

        using var history = await ana.Client.GetAsync(ana.ActivitiesPath);
        var json = await history.Content.ReadAsStringAsync();
        var activities = JsonDocument.Parse(json).RootElement.GetProperty("activities").EnumerateArray().ToList();
        var echo = activities.First(activity => activity.GetProperty("from").GetProperty("id").GetString() == "dl_ana");
        Assert.Equal("my card [card ending 1111] was charged twice and my password is [removed]!", echo.GetProperty("text").GetString());
        Assert.Contains(activities, activity => activity.TryGetProperty("text", out var text)
            && text.GetString()!.Contains("please don't send card details or passwords", StringComparison.Ordinal));
        Assert.DoesNotContain("4111 1111", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Summer2024", json, StringComparison.Ordinal);
        var record = Assert.Single(await server.Services.GetRequiredService<ICaseStore>().ListAsync(new CaseQuery(), CancellationToken.None));
        var said = string.Join("\n", record.Case.Transcript.Select(line => line.Text));
        Assert.Contains("[card ending 1111]", said, StringComparison.Ordinal);
        Assert.DoesNotContain("4111 1111", said, StringComparison.Ordinal);
        Assert.DoesNotContain("Summer2024", said, StringComparison.Ordinal);
    }
}
