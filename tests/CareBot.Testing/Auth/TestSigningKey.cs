using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace CareBot.Testing.Auth;

/// <summary>A locally generated RSA signing key with a key id, for issuing test tokens and publishing them as a JWK.</summary>
public sealed class TestSigningKey : IDisposable
{
    private readonly RSA _rsa;

    private TestSigningKey(string keyId, RSA rsa)
    {
        KeyId = keyId;
        _rsa = rsa;
    }

    /// <summary>The <c>kid</c> of tokens this key signs and of its JWKS entry.</summary>
    public string KeyId { get; }

    /// <summary>Generates a new 2048-bit RSA key; the key id defaults to a fresh random one.</summary>
    public static TestSigningKey Create(string? keyId = null) =>
        new(keyId ?? "test-" + Guid.NewGuid().ToString("N")[..12], RSA.Create(2048));

    /// <summary>A key with the given private key material (e.g. <see cref="ExportParameters"/> of another key).</summary>
    public static TestSigningKey FromParameters(string keyId, RSAParameters parameters)
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(parameters);
        return new TestSigningKey(keyId, rsa);
    }

    /// <summary>Generates fresh private key material, for <see cref="FromParameters"/>.</summary>
    public static RSAParameters GenerateParameters()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(includePrivateParameters: true);
    }

    /// <summary>Signs <paramref name="data"/> with RS256, RS384 or RS512.</summary>
    public byte[] Sign(byte[] data, string algorithm)
    {
        HashAlgorithmName hash = algorithm switch
        {
            "RS256" => HashAlgorithmName.SHA256,
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => throw new ArgumentException($"TestSigningKey signs RS256/RS384/RS512 only, not '{algorithm}'.", nameof(algorithm)),
        };
        return _rsa.SignData(data, hash, RSASignaturePadding.Pkcs1);
    }

    /// <summary>The public key as a JWKS entry, with an <c>endorsements</c> array when <paramref name="endorsements"/> is not null.</summary>
    public Dictionary<string, object> ToJwk(IReadOnlyList<string>? endorsements)
    {
        RSAParameters parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = endorsements.ToArray();
        }

        return jwk;
    }

    /// <inheritdoc />
    public void Dispose() => _rsa.Dispose();
}
