namespace CareBot.Dialogs.Model;

/// <summary>A parsed dialog script: one file, one dialog.</summary>
public sealed record DialogScript
{
    /// <summary>The dialog's id (<c>dialog:</c>), used by <c>call:</c> and in conversation state.</summary>
    public required string Id { get; init; }

    /// <summary>The content hash of the source; a conversation keeps the version it started with.</summary>
    public required string Version { get; init; }

    /// <summary>The file it came from, as shown in diagnostics.</summary>
    public required string File { get; init; }

    /// <summary>The source text, kept so versions can be archived and reloaded.</summary>
    public required string Source { get; init; }

    /// <summary>A title for people.</summary>
    public string? Title { get; init; }

    /// <summary>The brand name for <c>{brand.name}</c>, unless the host supplies one.</summary>
    public string? Brand { get; init; }

    /// <summary>
    /// The brand's own @handles (<c>handles:</c>, without '@'), for <c>to_someone_else</c>; a handle that starts with
    /// the brand name is the brand's without being listed.
    /// </summary>
    public IReadOnlyList<string> Handles { get; init; } = [];

    /// <summary>The time zone for business hours.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Business hours, when the script declares them.</summary>
    public BusinessHours? BusinessHours { get; init; }

    /// <summary>The first node.</summary>
    public NodeLink? Start { get; init; }

    /// <summary>The nodes in file order.</summary>
    public IReadOnlyList<DialogNode> Nodes { get; init; } = [];

    /// <summary>Event name to the node it jumps to (<c>on:</c>).</summary>
    public IReadOnlyDictionary<string, NodeLink> On { get; init; } = new Dictionary<string, NodeLink>();

    /// <summary>The embedded test conversations.</summary>
    public IReadOnlyList<ScriptTest> Tests { get; init; } = [];

    private Dictionary<string, DialogNode>? byId;

    /// <summary>Finds a node by id (the first one, should ids repeat in an invalid script).</summary>
    public DialogNode? FindNode(string id)
    {
        byId ??= Nodes.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return byId.GetValueOrDefault(id);
    }
}
