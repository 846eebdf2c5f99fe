using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Studio;
using CareBot.Dialogs;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.ScriptTests;
using CareBot.Dialogs.Validation;
using Microsoft.Extensions.Options;

namespace CareBot.Web.Studio;

/// <summary>
/// What the studio pages ask of the dialog scripts: the list with live versions, drafts, validation, tests and "Try it"
/// against a draft. Validation and tests are the CLI's (<see cref="ScriptLoader"/>, <see cref="ScriptTestRunner"/>);
/// publishing is <see cref="ScriptPublisher"/>'s alone.
/// </summary>
public sealed class StudioScripts(
    ScriptRegistry registry, IStudioStore store, ITurnAnnotator annotator, TimeProvider time, IOptions<CareBotOptions> careBot, IOptions<CaseOptions>? cases = null,
    ILookupClient? lookups = null)
{
    /// <summary>The largest draft the studio accepts (characters); the care dialog is about 40 000.</summary>
    public const int MaxSourceLength = 512 * 1024;

    /// <summary>The largest message a page may send over its circuit: a whole script of <see cref="MaxSourceLength"/>, JSON-escaped.</summary>
    public const int MaxMessageBytes = 4 * MaxSourceLength;

    /// <summary>Every live dialog with who published its live version (when it was published from the studio).</summary>
    public async Task<IReadOnlyList<StudioDialog>> ListAsync(CancellationToken cancellationToken)
    {
        var dialogs = new List<StudioDialog>();
        foreach (var script in registry.Current.Values.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var latest = ScriptPublisher.LatestOf(await store.ListPublicationsAsync(script.Id, 1, cancellationToken).ConfigureAwait(false));
            dialogs.Add(latest is not null && latest.Version == script.Version
                ? new StudioDialog(script.Id, script.Title, Path.GetFileName(script.File), script.Version, latest.Author, latest.PublishedAt, latest.Note)
                : new StudioDialog(script.Id, script.Title, Path.GetFileName(script.File), script.Version, null, null, null));
        }

        return dialogs;
    }

    /// <summary>The live source and version of a dialog, or null when there is no such dialog.</summary>
    public (string Source, string Version)? Live(string scriptId) =>
        registry.Current.TryGetValue(scriptId, out var script) ? (script.Source, script.Version) : null;

    /// <summary>The file name of a live dialog (e.g. <c>care.yaml</c>), or null.</summary>
    public string? FileOf(string scriptId) =>
        registry.Current.TryGetValue(scriptId, out var script) ? Path.GetFileName(script.File) : null;

    /// <summary>An admin's stored draft of a dialog, if any.</summary>
    public async Task<ScriptDraft?> DraftOfAsync(string scriptId, string author, CancellationToken cancellationToken) =>
        (await store.ListDraftsAsync(scriptId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(d => d.Author == author);

    /// <summary>Every admin's draft of a dialog, newest first.</summary>
    public Task<IReadOnlyList<ScriptDraft>> DraftsAsync(string scriptId, CancellationToken cancellationToken) =>
        store.ListDraftsAsync(scriptId, cancellationToken);

    /// <summary>Stores an admin's draft (never live until published).</summary>
    public Task SaveDraftAsync(string scriptId, string author, string baseVersion, string source, CancellationToken cancellationToken)
    {
        CheckSize(source);
        return store.SaveDraftAsync(new ScriptDraft(scriptId, author, baseVersion, source, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>Throws away an admin's draft.</summary>
    public Task DiscardDraftAsync(string scriptId, string author, CancellationToken cancellationToken) =>
        store.DeleteDraftAsync(scriptId, author, cancellationToken);

    /// <summary>
    /// Validates a draft with the CLI's validator, as part of the live set (so calls, shared captures and duplicate ids
    /// are checked too): every diagnostic, the draft's file first.
    /// </summary>
    public IReadOnlyList<Diagnostic> Validate(string scriptId, string source) => Check(scriptId, source).Diagnostics;

    /// <summary>Validates a draft as <see cref="Validate"/> does and draws its flow (null when the draft does not parse).</summary>
    public (IReadOnlyList<Diagnostic> Diagnostics, DialogFlow? Flow) Check(string scriptId, string source)
    {
        CheckSize(source);
        var set = DraftScriptSet.Build(registry.Current, scriptId, source);
        return ([.. set.Result.Diagnostics.OrderBy(d => d.File == set.File ? 0 : 1)], set.Draft is { } draft ? DialogFlow.From(draft) : null);
    }

    /// <summary>Runs every script's test conversations against the set with the draft in it.</summary>
    public async Task<StudioTestRun> RunTestsAsync(string scriptId, string source, CancellationToken cancellationToken)
    {
        CheckSize(source);
        var set = DraftScriptSet.Build(registry.Current, scriptId, source);
        var draftRegistry = await set.ToRegistryAsync(cancellationToken).ConfigureAwait(false);
        if (draftRegistry is null)
        {
            return new StudioTestRun([.. set.Result.Errors], []);
        }

        var results = await new ScriptTestRunner(draftRegistry, annotator).RunAllAsync(draftRegistry.Current.Values.OrderBy(s => s.Id, StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        return new StudioTestRun([], results);
    }

    /// <summary>Starts a "Try it" conversation with the draft; null (with the errors) when the draft is not valid.</summary>
    public async Task<(StudioTrySession? Session, IReadOnlyList<Diagnostic> Errors)> StartTryAsync(
        string scriptId, string source, bool startPublic, string userName, CancellationToken cancellationToken)
    {
        CheckSize(source);
        var set = DraftScriptSet.Build(registry.Current, scriptId, source);
        var draftRegistry = await set.ToRegistryAsync(cancellationToken).ConfigureAwait(false);
        if (draftRegistry is null || !draftRegistry.Current.ContainsKey(scriptId))
        {
            return (null, [.. set.Result.Errors]);
        }

        var name = string.IsNullOrWhiteSpace(userName) ? "Sam" : userName.Trim();
        return (new StudioTrySession(
            new DialogRuntime(draftRegistry), scriptId, startPublic, name, annotator, time.GetUtcNow(), careBot.Value, cases?.Value ?? new CaseOptions(),
            lookups?.Integrations ?? new HashSet<string>()), []);
    }

    private static void CheckSize(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Length > MaxSourceLength)
        {
            throw new ArgumentException($"The script is {source.Length} characters long; the studio takes at most {MaxSourceLength}. Split it into called dialogs.", nameof(source));
        }
    }
}
