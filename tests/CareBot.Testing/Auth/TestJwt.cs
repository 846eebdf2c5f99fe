using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace CareBot.Testing.Auth;

/// <summary>
/// Builds compact JWTs by hand, so tests control every byte: the header's <c>alg</c> and <c>kid</c>, any claim, and
/// deliberately broken forms (unsigned, HMAC-signed, tampered).
/// </summary>
public static class TestJwt
{
    /// <summary>A JWS signed with <paramref name="key"/> (header <c>kid</c> = the key's id unless overridden).</summary>
    public static string Sign(
        IReadOnlyDictionary<string, object?> claims, TestSigningKey key, string algorithm = "RS256", string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        string signingInput = SigningInput(
            new Dictionary<string, object?> { ["alg"] = algorithm, ["kid"] = keyId ?? key.KeyId, ["typ"] = "JWT" }, claims);
        byte[] signature = key.Sign(Encoding.ASCII.GetBytes(signingInput), algorithm);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>An unsecured JWT (<c>alg: none</c>, empty signature), as an attacker would send it.</summary>
    public static string WithoutSignature(IReadOnlyDictionary<string, object?> claims, string? keyId = null) =>
        SigningInput(new Dictionary<string, object?> { ["alg"] = "none", ["kid"] = keyId, ["typ"] = "JWT" }, claims) + ".";

    /// <summary>A JWT signed with HMAC-SHA256 and a shared secret (alg confusion attempt).</summary>
    public static string SignWithHmac(IReadOnlyDictionary<string, object?> claims, byte[] secret, string? keyId = null)
    {
        string signingInput = SigningInput(
            new Dictionary<string, object?> { ["alg"] = "HS256", ["kid"] = keyId, ["typ"] = "JWT" }, claims);
        byte[] signature = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>Replaces the payload of a signed token with <paramref name="claims"/>, keeping the old signature.</summary>
    public static string ReplacePayload(string token, IReadOnlyDictionary<string, object?> claims)
    {
        ArgumentNullException.ThrowIfNull(token);
        string[] parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new ArgumentException("Expected a compact JWS with three parts.", nameof(token));
        }

        return parts[0] + "." + Encode(claims) + "." + parts[2];
    }

    /// <summary>Seconds since the Unix epoch, as JWT time claims are written.</summary>
    public static long ToEpochSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();

    private static string SigningInput(Dictionary<string, object?> header, IReadOnlyDictionary<string, object?> claims)
    {
        var cleanHeader = header.Where(h => h.Value is not null).ToDictionary(h => h.Key, h => h.Value);
        return Encode(cleanHeader) + "." + Encode(claims);
    }

    private static string Encode(IReadOnlyDictionary<string, object?> json) =>
        Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(json));
}
