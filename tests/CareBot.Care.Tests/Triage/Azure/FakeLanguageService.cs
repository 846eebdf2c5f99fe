using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareBot.Care.Tests.Triage.Azure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that answers <c>POST /language/:analyze-text</c> like the documented Azure AI
/// Language service. Each test sets <see cref="Respond"/> to choose the answer (success, errors, 429, slow...).
/// </summary>
internal sealed class FakeLanguageService : IAsyncDisposable
{
    public const string Key = "test-key-123";

    private readonly WebApplication app;

    private FakeLanguageService(WebApplication app)
    {
        this.app = app;
    }

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers one request; the default answers every document like the service does.</summary>
    public Func<HttpContext, RecordedRequest, Task> Respond { get; set; } = AnswerDocumentsAsync;

    public static async Task<FakeLanguageService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeLanguageService(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var recorded = new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers["Ocp-Apim-Subscription-Key"].ToString(),
                body);
            fake.Requests.Enqueue(recorded);
            if (recorded.Path != "/language/:analyze-text" || context.Request.Method != "POST")
            {
                context.Response.StatusCode = 404;
                return;
            }

            if (recorded.Key != Key)
            {
                await WriteErrorAsync(context, 401, "401", "Access denied due to invalid subscription key or wrong API endpoint.");
                return;
            }

            await fake.Respond(context, recorded);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Endpoint = new Uri(address);
        return fake;
    }

    /// <summary>Documents whose text contains "bad" are negative, the others positive; one sentence each.</summary>
    public static async Task AnswerDocumentsAsync(HttpContext context, RecordedRequest request)
    {
        var documents = new JsonArray();
        var errors = new JsonArray();
        foreach (var document in request.Documents)
        {
            var id = document["id"]!.GetValue<string>();
            var text = document["text"]!.GetValue<string>();
            if (text.Contains("reject me", StringComparison.Ordinal))
            {
                errors.Add(new JsonObject
                {
                    ["id"] = id,
                    ["error"] = new JsonObject
                    {
                        ["code"] = "InvalidArgument",
                        ["message"] = "Invalid Language Code.",
                        ["innererror"] = new JsonObject { ["code"] = "UnsupportedLanguageCode", ["message"] = "Invalid language code." },
                    },
                });
                continue;
            }

            var negative = text.Contains("bad", StringComparison.OrdinalIgnoreCase);
            var label = negative ? "negative" : "positive";
            JsonObject Scores() => new()
            {
                ["positive"] = negative ? 0.02 : 0.97,
                ["neutral"] = 0.01,
                ["negative"] = negative ? 0.97 : 0.02,
            };
            documents.Add(new JsonObject
            {
                ["id"] = id,
                ["sentiment"] = label,
                ["confidenceScores"] = Scores(),
                ["sentences"] = new JsonArray(new JsonObject
                {
                    ["sentiment"] = label,
                    ["confidenceScores"] = Scores(),
                    ["offset"] = 0,
                    ["length"] = text.Length,
                    ["text"] = text,
                }),
                ["warnings"] = new JsonArray(),
            });
        }

        var response = new JsonObject
        {
            ["kind"] = "SentimentAnalysisResults",
            ["results"] = new JsonObject
            {
                ["documents"] = documents,
                ["errors"] = errors,
                ["modelVersion"] = "2022-11-01",
            },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    public static async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message } }));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

internal sealed record RecordedRequest(string Method, string Path, string Query, string Key, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public IReadOnlyList<JsonNode> Documents => Json["analysisInput"]!["documents"]!.AsArray().Select(d => d!).ToList();
}
