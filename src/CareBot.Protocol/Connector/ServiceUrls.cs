namespace CareBot.Protocol.Connector;

/// <summary>Parsing and normalizing of serviceUrls, and building Connector URLs under them.</summary>
internal static class ServiceUrls
{
    /// <summary>
    /// The serviceUrl as an absolute http(s) base ending in exactly one slash; its path (e.g. <c>/amer/</c>) is kept.
    /// Throws a non-transient <see cref="ConnectorException"/> for anything else, since retrying can't fix it.
    /// </summary>
    public static string ToBase(string? serviceUrl)
    {
        if (string.IsNullOrWhiteSpace(serviceUrl))
        {
            throw new ConnectorException("The serviceUrl is empty: a Connector call needs the serviceUrl of the activity or stored conversation reference.", null, isTransient: false);
        }

        if (!Uri.TryCreate(serviceUrl.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ConnectorException($"The serviceUrl '{serviceUrl}' is not an absolute http(s) URL; expected something like 'https://smba.trafficmanager.net/amer/'.", null, isTransient: false);
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ConnectorException($"The serviceUrl '{serviceUrl}' carries a query, fragment or user info; a serviceUrl is a plain base URL.", null, isTransient: false);
        }

        return Normalize(uri.GetLeftPart(UriPartial.Path));
    }

    /// <summary>
    /// The form serviceUrls are compared in: trimmed, scheme and host canonical (lower case, default port dropped) when
    /// it parses as an absolute URL, ending in exactly one slash.
    /// </summary>
    public static string Normalize(string serviceUrl)
    {
        var trimmed = serviceUrl.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            trimmed = uri.GetLeftPart(UriPartial.Path);
        }

        return trimmed.TrimEnd('/') + "/";
    }

    /// <summary><c>{base}v3/conversations/{escaped id}/{segments…}</c>; every id is escaped with EscapeDataString.</summary>
    public static Uri Conversations(string baseUrl, params string[] segments)
    {
        var path = "v3/conversations";
        foreach (var segment in segments)
        {
            path += "/" + segment;
        }

        return new Uri(baseUrl + path, UriKind.Absolute);
    }

    /// <summary><c>{base}v3/attachments/{escaped id}/views/{escaped view id}</c>.</summary>
    public static Uri AttachmentView(string baseUrl, string attachmentId, string viewId) =>
        new(baseUrl + "v3/attachments/" + Escape(attachmentId, nameof(attachmentId)) + "/views/" + Escape(viewId, nameof(viewId)), UriKind.Absolute);

    /// <summary>Escapes an opaque id (Teams ids contain <c>:</c>, <c>;</c>, <c>@</c>) for one path segment.</summary>
    public static string Escape(string id, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(id, name);
        return Uri.EscapeDataString(id);
    }
}
