using System.Security.Cryptography;
using System.Text;

namespace CareBot.Meta.Webhook;

/// <summary>
/// Meta signs every webhook delivery with <c>X-Hub-Signature-256: sha256={hex HMAC-SHA256 of the raw body, keyed with
/// the app secret}</c>. Compared in constant time, so the answer's timing says nothing about how much of a guess matched.
/// </summary>
public static class MetaSignature
{
    public const string HeaderName = "X-Hub-Signature-256";
    private const string Scheme = "sha256=";

    /// <summary>The header value for a body (what Meta sends; tests sign their fixtures with it).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string appSecret) =>
        Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    /// <summary>Whether <paramref name="header"/> is the body's signature under the app secret.</summary>
    public static bool IsValid(string? header, ReadOnlySpan<byte> body, string appSecret)
    {
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length != Scheme.Length + 64)
        {
            return false;
        }

        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(header.AsSpan(Scheme.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body);
        return CryptographicOperations.FixedTimeEquals(claimed, expected);
    }
}
