using Microsoft.Extensions.Options;

namespace CareBot.Protocol.Connector;

/// <summary>
/// The serviceUrls proven by validated channel tokens (remembered in memory, oldest forgotten beyond
/// <see cref="ConnectorOptions.MaxTrustedServiceUrls"/>) plus <see cref="ConnectorOptions.AllowedServiceUrls"/>.
/// URLs compare case-insensitively after trimming and ending them with one slash. Thread-safe; register as a singleton.
/// </summary>
public sealed class TrustedServiceUrls : ITrustedServiceUrls
{
    private readonly HashSet<string> _allowed;
    private readonly int _capacity;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _proven = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<string> _provenOldestFirst = new();

    public TrustedServiceUrls(IOptions<ConnectorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allowed = new HashSet<string>(
            options.Value.AllowedServiceUrls.Where(url => !string.IsNullOrWhiteSpace(url)).Select(ServiceUrls.Normalize),
            StringComparer.OrdinalIgnoreCase);
        _capacity = Math.Max(1, options.Value.MaxTrustedServiceUrls);
    }

    /// <inheritdoc />
    public void Trust(string serviceUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceUrl);
        var normalized = ServiceUrls.Normalize(serviceUrl);
        lock (_gate)
        {
            if (!_proven.Add(normalized))
            {
                return;
            }

            _provenOldestFirst.Enqueue(normalized);
            if (_provenOldestFirst.Count > _capacity)
            {
                _proven.Remove(_provenOldestFirst.Dequeue());
            }
        }
    }

    /// <inheritdoc />
    public bool IsTrusted(string serviceUrl)
    {
        if (string.IsNullOrWhiteSpace(serviceUrl))
        {
            return false;
        }

        var normalized = ServiceUrls.Normalize(serviceUrl);
        if (_allowed.Contains(normalized))
        {
            return true;
        }

        lock (_gate)
        {
            return _proven.Contains(normalized);
        }
    }
}
