using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CareBot.Server.Tests.DirectLine;

/// <summary>
/// A customer in a conversation on a real server's built-in Direct Line channel (the server configured with
/// <see cref="DirectLineServer.Secret"/>), as a Direct Line client is: the secret as bearer, the user named in the start.
/// </summary>
internal sealed class DirectLineCustomer : IDisposable
{
    private DirectLineCustomer(HttpClient client, string conversationId, string userId, string name)
    {
        Client = client;
        ConversationId = conversationId;
        UserId = userId;
        Name = name;
    }

    /// <summary>The client, with the channel's secret as bearer.</summary>
    public HttpClient Client { get; }

    public string ConversationId { get; }

    public string UserId { get; }

    public string Name { get; }

    /// <summary>The conversation's activities path (post to it, read it).</summary>
    public string ActivitiesPath => $"/v3/directline/conversations/{ConversationId}/activities";

    /// <summary>Starts a conversation for <paramref name="userId"/> on the server at <paramref name="baseAddress"/>.</summary>
    public static async Task<DirectLineCustomer> StartAsync(Uri baseAddress, string userId, string name)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DirectLineServer.Secret);
        using var started = await client.PostAsJsonAsync("/v3/directline/conversations", new { user = new { id = userId, name } });
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString()!;
        return new DirectLineCustomer(client, conversationId, userId, name);
    }

    /// <summary>Sends each message in turn; each must be accepted (200).</summary>
    public async Task SayAsync(params string[] texts)
    {
        foreach (var text in texts)
        {
            using var posted = await Client.PostAsJsonAsync(ActivitiesPath, new { type = "message", text, from = new { id = UserId, name = Name } });
            Assert.Equal(200, (int)posted.StatusCode);
        }
    }

    public void Dispose() => Client.Dispose();
}
