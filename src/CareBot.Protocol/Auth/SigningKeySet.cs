using Microsoft.IdentityModel.Tokens;

namespace CareBot.Protocol.Auth;

/// <summary>
/// One fetch of an issuer's signing keys: the keys by <c>kid</c> and, per key, the channels it is endorsed for (the
/// <c>endorsements</c> array of the JWKS entry; absent when the entry has none).
/// </summary>
internal sealed record SigningKeySet(
    IReadOnlyDictionary<string, JsonWebKey> Keys,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Endorsements,
    DateTimeOffset FetchedAt);
