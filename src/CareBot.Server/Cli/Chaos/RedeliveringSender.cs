using System.Globalization;
using System.Text;
using CareBot.Protocol.Schema;

namespace CareBot.Server.Cli.Chaos;

/// <summary>
/// The channel's other half: posts activities to a bot's messaging endpoint the way a channel does, and posts an activity
/// that was not answered with a 2xx (connection refused or reset, a timeout, 409, 5xx) again, with the same id, until
/// the bot answers it or the deadline passes. Counts every answer by status (<see cref="AnswerCounts"/>) so that a test
/// can print what the channel saw. Used by the <c>chaos</c> verb (and so by the crash tests, which run it).
/// </summary>
internal sealed class RedeliveringSender : IDisposable
{
    /// <summary>The answer counted when the connection was refused or broke before an HTTP status arrived.</summary>
    public const string NoAnswer = "no answer";

    /// <summary>The answer counted when the bot did not answer within the request timeout.</summary>
    public const string TimedOut = "timed out";

    private readonly HttpClient _client;
    private readonly Uri[] _endpoints;
    private readonly TimeSpan _retryDelay;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _answers = new(StringComparer.Ordinal);
    private int _retries;
    private int _inFlight;
    private int _posts;

    /// <param name="endpoint">The bot's messaging endpoint, e.g. <c>http://127.0.0.1:5000/api/messages</c>.</param>
    /// <param name="requestTimeout">How long one post waits for its answer before it counts as unanswered.</param>
    /// <param name="retryDelay">The pause before a post is repeated, unless the bot's <c>Retry-After</c> says otherwise.</param>
    public RedeliveringSender(Uri endpoint, TimeSpan requestTimeout, TimeSpan retryDelay)
        : this([endpoint], requestTimeout, retryDelay)
    {
    }

    /// <summary>
    /// A sender in front of several instances of the bot, as a round-robin load balancer: each post (a repeat included)
    /// goes to the next endpoint, so a repeat of a post the first instance did not answer lands on another.
    /// </summary>
    public RedeliveringSender(IReadOnlyList<Uri> endpoints, TimeSpan requestTimeout, TimeSpan retryDelay)
    {
        ArgumentOutOfRangeException.ThrowIfZero(endpoints.Count);
        _endpoints = [.. endpoints];
        _retryDelay = retryDelay;
        _client = new HttpClient { Timeout = requestTimeout };
    }

    /// <summary>How many posts were repeats of an unanswered one.</summary>
    public int Retries
    {
        get
        {
            lock (_gate)
            {
                return _retries;
            }
        }
    }

    /// <summary>How many posts are waiting for their answer right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Every answer so far by status code (or <see cref="NoAnswer"/>, <see cref="TimedOut"/>), a snapshot.</summary>
    public IReadOnlyDictionary<string, int> AnswerCounts
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_answers, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// Posts <paramref name="activity"/> until the bot answers it with a 2xx; returns that status. Throws
    /// <see cref="TimeoutException"/>, listing every answer, when <paramref name="deadline"/> passes first.
    /// </summary>
    public async Task<int> PostUntilAnsweredAsync(Activity activity, DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        var json = ActivityJson.Serialize(activity);
        var history = new List<string>();
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                lock (_gate)
                {
                    _retries++;
                }
            }

            var (answer, retryAfter) = await PostOnceAsync(json, cancellationToken).ConfigureAwait(false);
            Count(answer);
            history.Add(answer);
            if (int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 200 and < 300)
            {
                return status;
            }

            var pause = retryAfter ?? _retryDelay;
            if (DateTimeOffset.UtcNow + pause > deadline)
            {
                throw new TimeoutException(
                    $"Activity {activity.Id} ('{activity.Text}') was not answered with a 2xx before the deadline; answers: {string.Join(", ", history)}.");
            }

            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<(string Answer, TimeSpan? RetryAfter)> PostOnceAsync(string json, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            var endpoint = _endpoints[(int)((uint)Interlocked.Increment(ref _posts) % (uint)_endpoints.Length)];
            using var response = await _client.PostAsync(endpoint, content, cancellationToken).ConfigureAwait(false);
            var retryAfter = response.Headers.RetryAfter?.Delta;
            return (((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), retryAfter);
        }
        catch (HttpRequestException)
        {
            return (NoAnswer, null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (TimedOut, null);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void Count(string answer)
    {
        lock (_gate)
        {
            _answers[answer] = _answers.GetValueOrDefault(answer) + 1;
        }
    }
}
