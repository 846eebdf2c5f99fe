using CareBot.Protocol.Schema;

namespace CareBot.Server.Tests.Hosting;

/// <summary>Whole customer conversations with the shipped care dialog, for tests that need their outcome.</summary>
public static class CareConversations
{
    private const string ServiceUrl = Activities.UnusedServiceUrl; // never called: expectReplies

    /// <summary>A customer asks for a person and answers the questions: the dialog hands off. Returns the last turn's replies.</summary>
    public static async Task<IList<Activity>> AskForAPersonAsync(CareBotTestServer server, string conversationId, string? lastActivityId = null)
    {
        await server.ExchangeAsync(Activities.Message("I want to talk to a real person please", ServiceUrl, conversationId));
        await server.ExchangeAsync(Activities.Message("I don't have one", ServiceUrl, conversationId));
        await server.ExchangeAsync(Activities.Message("sam@example.com", ServiceUrl, conversationId));
        var last = Activities.Message("Wrong size delivered", ServiceUrl, conversationId);
        last.Id = lastActivityId ?? last.Id;
        return await server.ExchangeAsync(last);
    }
}
