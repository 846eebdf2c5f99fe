using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CareBot.Protocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CareBot.Testing.Channel;

/// <summary>
/// A real Bot Framework channel for tests: Kestrel on 127.0.0.1 (a free port) speaking the server side of the
/// Connector REST API v3 under any path prefix (<see cref="ServiceUrl"/>, or <see cref="ServiceUrlWithPath"/> for
/// e.g. <c>/amer/</c>). It records every call in order (<see cref="Calls"/>, <see cref="Activities"/>, the
/// <c>WaitFor…</c> helpers) and can be programmed to fail, delay, redirect or refuse calls.
/// </summary>
/// <example>
/// <code>
/// await using var channel = await FakeChannel.StartAsync();
/// channel.FailNext(1, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1));
/// await connector.SendToConversationAsync(channel.ServiceUrl, "conv-1", activity, ct);
/// var sent = await channel.WaitForActivitiesAsync(1);
/// </code>
/// </example>
public sealed class FakeChannel : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;
    private readonly List<ChannelCall> _calls = [];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<ChannelAccount>> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (byte[] Content, string ContentType)> _attachments = new(StringComparer.Ordinal);
    private readonly List<ProgrammedAnswer> _programmed = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _changed = NewSignal();
    private HttpStatusCode? _createConversationRefusal;
    private int _nextActivityId;
    private int _nextConversationId;
    private string? _requiredToken;

    private FakeChannel(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri("http://127.0.0.1/");
    }

    /// <summary>The channel's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; }

    /// <summary>The serviceUrl to hand the bot: the root, ending in a slash.</summary>
    public string ServiceUrl => BaseAddress.AbsoluteUri;

    /// <summary>Every call received so far, in order (a snapshot).</summary>
    public IReadOnlyList<ChannelCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The activities the bot posted (send to conversation and reply) and the channel accepted, in order.</summary>
    public IReadOnlyList<Activity> Activities => [.. Calls.Where(IsPostedActivity).Select(c => c.Activity!)];

    /// <summary>The calls of one operation received so far, in order (a snapshot).</summary>
    public IReadOnlyList<ChannelCall> CallsTo(ChannelOperation operation) => [.. Calls.Where(c => c.Operation == operation)];

    /// <summary>Starts a channel on 127.0.0.1 and a free port.</summary>
    public static async Task<FakeChannel> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var channel = new FakeChannel(app);
        app.Run(channel.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        channel.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return channel;
    }

    /// <summary>A serviceUrl with a path, e.g. <c>ServiceUrlWithPath("amer")</c> → <c>http://127.0.0.1:41234/amer/</c>.</summary>
    public string ServiceUrlWithPath(string path) => new Uri(BaseAddress, path.Trim('/') + "/").AbsoluteUri;

    /// <summary>
    /// Answers the next <paramref name="count"/> calls (of <paramref name="operation"/>, or any) with
    /// <paramref name="status"/> and an ErrorResponse body (<paramref name="errorCode"/>, default the status name),
    /// plus a <c>Retry-After</c> in whole seconds (rounded up) when given.
    /// </summary>
    public void FailNext(int count, HttpStatusCode status, TimeSpan? retryAfter = null, string? errorCode = null, ChannelOperation? operation = null) =>
        Enqueue(new ProgrammedAnswer { Remaining = count, FailWith = status, RetryAfter = retryAfter, ErrorCode = errorCode, Operation = operation });

    /// <summary>Holds the next <paramref name="count"/> answers back for <paramref name="delay"/> (to test timeouts).</summary>
    public void DelayNext(int count, TimeSpan delay, ChannelOperation? operation = null) =>
        Enqueue(new ProgrammedAnswer { Remaining = count, Delay = delay, Operation = operation });

    /// <summary>Answers the next <paramref name="count"/> calls 200 with no body (as offline-directline does).</summary>
    public void AnswerEmptyNext(int count, ChannelOperation? operation = null) =>
        Enqueue(new ProgrammedAnswer { Remaining = count, EmptyBody = true, Operation = operation });

    /// <summary>Answers the next call with a redirect to <paramref name="location"/>.</summary>
    public void RedirectNext(string location, HttpStatusCode status = HttpStatusCode.TemporaryRedirect, ChannelOperation? operation = null) =>
        Enqueue(new ProgrammedAnswer { Remaining = 1, FailWith = status, RedirectTo = location, Operation = operation });

    /// <summary>
    /// Makes create-conversation fail with <paramref name="status"/> from now on (405, 501, 403…), like a channel
    /// without 1:1 conversations; null accepts it again.
    /// </summary>
    public void RefuseCreateConversation(HttpStatusCode? status = HttpStatusCode.MethodNotAllowed)
    {
        lock (_gate)
        {
            _createConversationRefusal = status;
        }
    }

    /// <summary>From now on, answers 401 unless the call carries <c>Authorization: Bearer {token}</c>; null stops checking.</summary>
    public void RequireBearerToken(string? token)
    {
        lock (_gate)
        {
            _requiredToken = token;
        }
    }

    /// <summary>Sets the members GET members/member answers for a conversation (create-conversation sets them too).</summary>
    public void SetMembers(string conversationId, params ChannelAccount[] members)
    {
        lock (_gate)
        {
            _members[conversationId] = [.. members];
        }
    }

    /// <summary>
    /// Serves <paramref name="content"/> as a file a customer sent, as Teams does: at the returned contentUrl,
    /// <c>{ServiceUrl}v3/attachments/{id}/views/original</c>, and only to the bot's token when one is required.
    /// </summary>
    public string AddAttachment(byte[] content, string contentType = "image/png")
    {
        lock (_gate)
        {
            var id = $"0-att-{_attachments.Count + 1}";
            _attachments[id] = (content, contentType);
            return $"{ServiceUrl}v3/attachments/{id}/views/original";
        }
    }

    /// <summary>Forgets recorded calls, programmed answers, refusals, the required token and members.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _calls.Clear();
            _programmed.Clear();
            _members.Clear();
            _createConversationRefusal = null;
            _requiredToken = null;
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> calls were received; returns them all.</summary>
    public Task<IReadOnlyList<ChannelCall>> WaitForCallsAsync(int count, TimeSpan? timeout = null) =>
        WaitForCallsAsync(_ => true, count, timeout);

    /// <summary>Waits until at least <paramref name="count"/> calls match <paramref name="match"/>; returns the matching ones.</summary>
    public async Task<IReadOnlyList<ChannelCall>> WaitForCallsAsync(Func<ChannelCall, bool> match, int count, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deadline = Task.Delay(timeout ?? DefaultWaitTimeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var matching = _calls.Where(match).ToList();
                if (matching.Count >= count)
                {
                    return matching;
                }

                changed = _changed.Task;
            }

            if (await Task.WhenAny(changed, deadline) == deadline)
            {
                throw new TimeoutException(
                    $"The fake channel received {Calls.Count(match)} of the {count} expected calls within {timeout ?? DefaultWaitTimeout}. " +
                    $"Calls so far: {string.Join("; ", Calls)}");
            }
        }
    }

    /// <summary>Waits until the bot posted (sent or replied) at least <paramref name="count"/> activities; returns them.</summary>
    public async Task<IReadOnlyList<Activity>> WaitForActivitiesAsync(int count, TimeSpan? timeout = null)
    {
        var calls = await WaitForCallsAsync(IsPostedActivity, count, timeout);
        return [.. calls.Select(c => c.Activity!)];
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private static bool IsPostedActivity(ChannelCall call) =>
        call.Activity is not null && call.Operation is ChannelOperation.SendToConversation or ChannelOperation.ReplyToActivity && call.StatusCode < 300;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Enqueue(ProgrammedAnswer answer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(answer.Remaining);
        lock (_gate)
        {
            _programmed.Add(answer);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var route = ChannelRoute.Parse(context.Request.Method, rawTarget);
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var (activity, parameters, isBadJson) = ParseBody(route.Operation, body);
        string? authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;
        var isJson = body.Length == 0 || context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

        Answer answer;
        ChannelCall call;
        lock (_gate)
        {
            answer = isJson
                ? Decide(route, authorization, parameters, isBadJson)
                : Error(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", "The body must be application/json.");
            call = new ChannelCall(
                _calls.Count + 1, context.Request.Method, rawTarget, route.PathPrefix, route.Operation, route.ConversationId,
                route.ActivityId, route.MemberId, authorization, context.Request.ContentType, body, activity, parameters, (int)answer.Status);
            _calls.Add(call);
            _changed.TrySetResult();
            _changed = NewSignal();
        }

        if (answer.Delay > TimeSpan.Zero)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(answer.Delay, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return; // The bot gave up (timeout) or the channel is stopping.
            }
        }

        context.Response.StatusCode = (int)answer.Status;
        context.Response.Headers["X-Correlating-OperationId"] = $"op-{call.Sequence}";
        if (answer.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        if (answer.Location is not null)
        {
            context.Response.Headers.Location = answer.Location;
        }

        if (answer.Bytes is not null)
        {
            context.Response.ContentType = answer.ContentType;
            await context.Response.Body.WriteAsync(answer.Bytes, context.RequestAborted);
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        }
    }

    private static (Activity? Activity, ConversationParameters? Parameters, bool IsBadJson) ParseBody(ChannelOperation operation, string body)
    {
        try
        {
            return operation switch
            {
                ChannelOperation.SendToConversation or ChannelOperation.ReplyToActivity or ChannelOperation.UpdateActivity
                    => (ActivityJson.Deserialize<Activity>(body), null, false),
                ChannelOperation.CreateConversation => (null, ActivityJson.Deserialize<ConversationParameters>(body), false),
                _ => (null, null, false),
            };
        }
        catch (JsonException)
        {
            return (null, null, true);
        }
    }

    /// <summary>What to answer; called under the lock, so ids and programmed answers are consumed in arrival order.</summary>
    private Answer Decide(ChannelRoute route, string? authorization, ConversationParameters? parameters, bool isBadJson)
    {
        if (_requiredToken is not null && authorization != $"Bearer {_requiredToken}")
        {
            return Error(HttpStatusCode.Unauthorized, "Unauthorized", "The bot's bearer token is missing or wrong.");
        }

        var programmed = _programmed.FirstOrDefault(p => p.Matches(route.Operation));
        if (programmed is not null)
        {
            programmed.Remaining--;
            _programmed.RemoveAll(p => p.Remaining == 0);
            if (programmed.RedirectTo is not null)
            {
                return new Answer(programmed.FailWith ?? HttpStatusCode.TemporaryRedirect, null) { Location = programmed.RedirectTo };
            }

            if (programmed.FailWith is { } status)
            {
                return Error(status, programmed.ErrorCode ?? status.ToString(), $"Programmed failure {(int)status}.") with { RetryAfter = programmed.RetryAfter };
            }

            if (programmed.EmptyBody)
            {
                return new Answer(HttpStatusCode.OK, null);
            }

            return AnswerNormally(route, parameters, isBadJson) with { Delay = programmed.Delay };
        }

        return AnswerNormally(route, parameters, isBadJson);
    }

    private Answer AnswerNormally(ChannelRoute route, ConversationParameters? parameters, bool isBadJson)
    {
        if (isBadJson)
        {
            return Error(HttpStatusCode.BadRequest, "BadSyntax", "The body is not valid JSON.");
        }

        switch (route.Operation)
        {
            case ChannelOperation.SendToConversation or ChannelOperation.ReplyToActivity:
                return Resource(new ResourceResponse(NextActivityId()));
            case ChannelOperation.UpdateActivity:
                return Resource(new ResourceResponse(route.ActivityId));
            case ChannelOperation.DeleteActivity:
                return new Answer(HttpStatusCode.OK, null);
            case ChannelOperation.CreateConversation when _createConversationRefusal is { } refusal:
                return Error(refusal, "NotSupported", "This channel does not support creating conversations.");
            case ChannelOperation.CreateConversation:
                var conversationId = $"dm-{++_nextConversationId}";
                _members[conversationId] = [.. new[] { parameters?.Bot }.Concat(parameters?.Members ?? []).OfType<ChannelAccount>()];
                return Resource(new ConversationResourceResponse
                {
                    Id = conversationId,
                    ServiceUrl = new Uri(BaseAddress, route.PathPrefix).AbsoluteUri,
                    ActivityId = parameters?.Activity is null ? null : NextActivityId(),
                });
            case ChannelOperation.GetAttachment:
                return _attachments.TryGetValue(route.AttachmentId!, out var file)
                    ? new Answer(HttpStatusCode.OK, null) { Bytes = file.Content, ContentType = file.ContentType }
                    : Error(HttpStatusCode.NotFound, "NotFound", $"No attachment '{route.AttachmentId}'.");
            case ChannelOperation.GetConversationMembers:
                return Resource(_members.GetValueOrDefault(route.ConversationId!) ?? []);
            case ChannelOperation.GetConversationMember:
                var member = _members.GetValueOrDefault(route.ConversationId!)?.FirstOrDefault(m => m.Id == route.MemberId);
                return member is null
                    ? Error(HttpStatusCode.NotFound, "MemberNotFound", $"No member '{route.MemberId}' in conversation '{route.ConversationId}'.")
                    : Resource(member);
            default:
                return Error(HttpStatusCode.NotFound, "NotFound", "The fake channel serves only the Connector API v3 routes.");
        }
    }

    private string NextActivityId() => $"act-{++_nextActivityId}";

    private static Answer Resource<T>(T value) => new(HttpStatusCode.OK, ActivityJson.Serialize(value));

    private static Answer Error(HttpStatusCode status, string code, string message) =>
        new(status, ActivityJson.Serialize(new ErrorResponse(code, message)));

    private sealed record Answer(HttpStatusCode Status, string? Body)
    {
        public TimeSpan Delay { get; init; }

        public TimeSpan? RetryAfter { get; init; }

        public string? Location { get; init; }

        public byte[]? Bytes { get; init; }

        public string? ContentType { get; init; }
    }
}
