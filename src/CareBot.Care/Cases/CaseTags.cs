namespace CareBot.Care.Cases;

/// <summary>What a case tag may be: short, lower case letters, digits, '-' and '_', so tags read the same everywhere.</summary>
public static class CaseTags
{
    public const int MaxLength = 32;

    public const int MaxPerCase = 20;

    public const string Rule = "A tag is 1 to 32 letters, digits, '-' or '_' (e.g. refund, vip, wrong-size).";

    /// <summary>The tag in its stored form (trimmed, lower case), or null when it breaks <see cref="Rule"/>.</summary>
    public static string? Normalize(string? tag)
    {
        var trimmed = tag?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? null
            : trimmed;
    }
}
