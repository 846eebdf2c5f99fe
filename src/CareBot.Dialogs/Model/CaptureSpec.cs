using System.Text.RegularExpressions;

namespace CareBot.Dialogs.Model;

/// <summary>What to capture and how to recognize it.</summary>
/// <param name="Name">The capture's name, used as <c>{captured.NAME}</c>.</param>
/// <param name="Type">The value's type.</param>
/// <param name="Pattern">The pattern for order numbers and regex captures (null when not applicable or invalid).</param>
/// <param name="Choices">For choice captures: each choice's key and its synonyms.</param>
/// <param name="Min">For numbers: the smallest accepted value.</param>
/// <param name="Max">For numbers: the largest accepted value.</param>
/// <param name="Location">Where the capture was declared.</param>
public sealed record CaptureSpec(
    string Name,
    CaptureType Type,
    Regex? Pattern,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Choices,
    decimal? Min,
    decimal? Max,
    SourceLocation Location);
