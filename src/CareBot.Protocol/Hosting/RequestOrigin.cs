using Microsoft.AspNetCore.Http;

namespace CareBot.Protocol.Hosting;

/// <summary>The origin a request came in on, which links to files this server keeps name.</summary>
public static class RequestOrigin
{
    /// <summary><c>https://bot.contoso.com</c> (with the path base, when the app is hosted under one).</summary>
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
