using System.Collections.Concurrent;
using CareBot.Protocol.Connector;

namespace CareBot.Testing.Hosting;

/// <summary>Remembers the serviceUrls the endpoint trusted.</summary>
public sealed class RecordingTrustedServiceUrls : ITrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, bool> _trusted = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Trusted => _trusted.Keys.ToArray();

    public void Trust(string serviceUrl) => _trusted[serviceUrl] = true;

    public bool IsTrusted(string serviceUrl) => _trusted.ContainsKey(serviceUrl);
}
