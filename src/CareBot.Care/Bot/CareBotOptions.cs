namespace CareBot.Care.Bot;

/// <summary>The care bot's settings (section <c>CareBot</c>).</summary>
public sealed class CareBotOptions
{
    public const string SectionName = "CareBot";

    /// <summary>The root dialog every conversation starts in. Default <c>care</c> (dialogs/care.yaml).</summary>
    public string DialogId { get; set; } = "care";

    /// <summary>The folder of dialog scripts, relative to the working directory. Default <c>dialogs</c>.</summary>
    public string DialogsPath { get; set; } = "dialogs";

    /// <summary>The brand name for <c>{brand.name}</c>; null uses each script's <c>brand:</c>.</summary>
    public string? BrandName { get; set; }

    /// <summary>How long file changes settle before the scripts reload. Default 500 ms.</summary>
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a turn is rerun when another instance changed the conversation first. Default 3.</summary>
    public int MaxStateConflictRetries { get; set; } = 3;
}
