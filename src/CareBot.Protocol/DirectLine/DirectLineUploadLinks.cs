namespace CareBot.Protocol.DirectLine;

/// <summary>
/// Where the built-in channel serves a kept file (<c>GET /v3/directline/attachments/{id}</c>): the path the upload puts
/// in the activity's links (and the Meta channel in its copies' links), and what the agent console recognises in a
/// transcript line to show the file itself.
/// </summary>
public static class DirectLineUploadLinks
{
    /// <summary>The path before a file's id.</summary>
    public const string PathPrefix = "/v3/directline/attachments/";

    /// <summary>An id is 32 lowercase hexadecimal characters, random (the link's only key).</summary>
    public const string IdPattern = "[0-9a-f]{32}";

    /// <summary>The path of the file with this id, on this server.</summary>
    public static string PathOf(string id) => PathPrefix + id;

    /// <summary>The absolute link to the file with this id on <paramref name="origin"/> (see <see cref="Hosting.RequestOrigin"/>).</summary>
    public static string LinkOf(string origin, string id)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return origin.TrimEnd('/') + PathOf(id);
    }

    /// <summary>Whether <paramref name="id"/> has the shape of a file id (anything else is not looked up).</summary>
    public static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
