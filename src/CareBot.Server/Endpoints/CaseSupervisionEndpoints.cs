using System.Text.Json;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Dialogs.Model;
using CareBot.Protocol;
using CareBot.Web.Console;

namespace CareBot.Server.Endpoints;

/// <summary>
/// The supervisors' part of the case API: <c>POST /api/cases/{id}/reassign {"agent":"ben"}</c> and
/// <c>POST /api/cases/{id}/priority {"priority":"high","reason":"..."}</c>. The API key's name must be an enabled
/// supervisor or admin console account (else 403); the calls go through the same <see cref="ConsoleDesk"/> as the
/// supervisor board, so the checks, the audit notes on the case and the live events are the board's. Bodies are the case
/// API's (at most 64 KB); answers: 200 with the case, 400, 401, 403, 404, 409 (e.g. already assigned to that agent).
/// </summary>
internal static class CaseSupervisionEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IResult> ReassignAsync(string id, HttpContext http, ConsoleDesk desk, ICaseStore store, CancellationToken cancellationToken)
    {
        const string Example = "{\"agent\": \"ben\"}";
        var (body, bad) = await ReadObjectAsync(http, Example, cancellationToken).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad;
        }

        if (StringProperty(body, "agent") is not { Length: > 0 } agent)
        {
            return BadBody(Example);
        }

        return await AnswerAsync(id, await desk.ReassignAsync(Caller(http), id, agent, cancellationToken).ConfigureAwait(false), store, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IResult> ChangePriorityAsync(string id, HttpContext http, ConsoleDesk desk, ICaseStore store, CancellationToken cancellationToken)
    {
        const string Example = "{\"priority\": \"high\", \"reason\": \"...\"} (priority: low, normal, high or urgent; reason optional)";
        var (body, bad) = await ReadObjectAsync(http, Example, cancellationToken).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad;
        }

        // Only a name (any case): Enum.TryParse alone would also take "2" or "High, Low".
        if (StringProperty(body, "priority") is not { } text
            || Enum.GetNames<Priority>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is not { } name
            || (body.TryGetProperty("reason", out var reasonValue) && reasonValue.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)))
        {
            return BadBody(Example);
        }

        var priority = Enum.Parse<Priority>(name);
        var reason = StringProperty(body, "reason");
        return await AnswerAsync(id, await desk.ChangePriorityAsync(Caller(http), id, priority, reason, cancellationToken).ConfigureAwait(false), store, cancellationToken).ConfigureAwait(false);
    }

    private static string Caller(HttpContext http) => (string)http.Items[CaseEndpoints.AgentItem]!;

    private static async Task<IResult> AnswerAsync(string id, ConsoleActionResult result, ICaseStore store, CancellationToken cancellationToken)
    {
        if (result.Done)
        {
            return await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } changed
                ? Results.Json(changed.Case, Json)
                : CaseEndpoints.NotFound(id);
        }

        var problem = result.Problem ?? "That is not possible.";
        return result.Refusal switch
        {
            ConsoleRefusal.NotFound => CaseEndpoints.NotFound(id),
            ConsoleRefusal.NotAllowed => CaseEndpoints.Error(StatusCodes.Status403Forbidden, "Forbidden", problem),
            ConsoleRefusal.BadInput => CaseEndpoints.Error(StatusCodes.Status400BadRequest, "BadRequest", problem),
            _ => CaseEndpoints.Error(StatusCodes.Status409Conflict, "NotPossible", problem),
        };
    }

    /// <summary>The body as a JSON object (at most the case API's body size), or the error to answer.</summary>
    private static async Task<(JsonElement Body, IResult? Error)> ReadObjectAsync(HttpContext http, string example, CancellationToken cancellationToken)
    {
        byte[]? bytes;
        try
        {
            bytes = await BoundedRead.AtMostAsync(http.Request.Body, CaseEndpoints.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            bytes = null;
        }

        if (bytes is null)
        {
            return (default, CaseEndpoints.TooLarge());
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var body = document.RootElement.Clone();
                // Reads every string once, so invalid UTF-8 inside one is refused here rather than later.
                foreach (var property in body.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    _ = property.Value.GetString();
                }

                return (body, null);
            }
        }
        catch (Exception invalid) when (invalid is JsonException or InvalidOperationException or ArgumentException)
        {
            // Not JSON, or invalid UTF-8 inside a string: the same 400 as any other malformed body.
        }

        return (default, BadBody(example));
    }

    private static string? StringProperty(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;

    private static IResult BadBody(string example) =>
        CaseEndpoints.Error(StatusCodes.Status400BadRequest, "BadBody", $"Send a JSON body like {example}.");
}
