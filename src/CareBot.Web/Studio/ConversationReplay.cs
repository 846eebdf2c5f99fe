using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Care.Triage;
using CareBot.Dialogs;
using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.ScriptTests;
using Microsoft.Extensions.Options;

namespace CareBot.Web.Studio;

/// <summary>
/// Replay before publish: the customers' messages of the most recent cases are sent again, one conversation at a time,
/// through the live version and through the draft, and the two answers are compared turn by turn.
/// </summary>
/// <remarks>
/// Transcripts are not stored (a turn keeps only its outcome), so the customers' words come from what is: the cases'
/// stories (the public post and the private chat lines). A conversation that never became a case is not replayed.
/// Both sides run on the pure runtime through the same <see cref="ConversationDriver"/> as "Try it": no state, case,
/// outbox row or email is written, and lookups answer "not configured" on both sides alike. What is shown is masked
/// with the personal-data masker of the cues live when the replay starts (<see cref="LiveTriageService.Masker"/>).
/// </remarks>
public sealed class ConversationReplay(
    ScriptRegistry registry, ICareReportSource cases, ITurnAnnotator annotator, LiveTriageService liveTriage, IOptions<CareBotOptions> options)
{
    /// <summary>How many recent conversations are replayed unless the admin asks for another number.</summary>
    public const int DefaultCount = 20;

    /// <summary>The most conversations one replay takes (each is a few runtime steps per message; this keeps it under seconds).</summary>
    public const int MaxCount = 200;

    /// <summary>
    /// Replays the <paramref name="count"/> most recently changed cases through the live scripts and through the live
    /// scripts with <paramref name="scriptId"/> replaced by <paramref name="draftSource"/>. An invalid draft replays
    /// nothing and returns its errors.
    /// </summary>
    public async Task<ReplayReport> ReplayAsync(string scriptId, string draftSource, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        ArgumentNullException.ThrowIfNull(draftSource);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        if (draftSource.Length > StudioScripts.MaxSourceLength)
        {
            throw new ArgumentException($"The script is {draftSource.Length} characters long; the studio takes at most {StudioScripts.MaxSourceLength}.", nameof(draftSource));
        }

        var set = DraftScriptSet.Build(registry.Current, scriptId, draftSource);
        var draftRegistry = await set.ToRegistryAsync(cancellationToken).ConfigureAwait(false);
        if (draftRegistry is null)
        {
            return new ReplayReport([], [.. set.Result.Errors]);
        }

        var live = new DialogRuntime(registry);
        var draft = new DialogRuntime(draftRegistry);
        var masker = liveTriage.Masker; // one replay, one masker, even if a cue file is published meanwhile
        var recent = await cases.ListCasesChangedSinceAsync(DateTimeOffset.UnixEpoch, count, cancellationToken).ConfigureAwait(false);
        var replayed = new List<ReplayedConversation>(recent.Count);
        foreach (var story in recent.OrderByDescending(c => c.CreatedAt))
        {
            replayed.Add(await ReplayOneAsync(story, live, draft, masker, cancellationToken).ConfigureAwait(false));
        }

        return new ReplayReport(replayed, []);
    }

    private async Task<ReplayedConversation> ReplayOneAsync(
        Case story, DialogRuntime live, DialogRuntime draft, PiiMasker masker, CancellationToken cancellationToken)
    {
        var root = options.Value.DialogId;
        var said = story.Transcript.Where(m => m.Author == CaseAuthor.Customer).OrderBy(m => m.At).ToList();
        var startPublic = said.Count > 0 && said[0].Thread == CaseThread.Public;
        var name = string.IsNullOrWhiteSpace(story.Customer.Name) ? null : story.Customer.Name;
        var liveDriver = new ConversationDriver(live, root, startPublic) { UserName = name, CaseId = story.Id };
        var draftDriver = new ConversationDriver(draft, root, startPublic) { UserName = name, CaseId = story.Id };
        var turns = new List<ReplayedTurn>(said.Count);
        foreach (var message in said)
        {
            // Each message goes to the thread the customer really wrote in, at the time they wrote it (business hours).
            var isPublic = message.Thread == CaseThread.Public;
            liveDriver.IsPublic = draftDriver.IsPublic = isPublic;
            liveDriver.Now = draftDriver.Now = message.At;
            var triage = await annotator.AnnotateAsync(message.Text, cancellationToken).ConfigureAwait(false);
            DriverTurn liveTurn;
            DriverTurn draftTurn;
            try
            {
                liveTurn = liveDriver.Say(message.Text, triage);
            }
            catch (DialogRuntimeException exception)
            {
                return new ReplayedConversation(story.Id, story.CreatedAt, turns, "The live version failed here: " + masker.Mask(exception.Message));
            }

            try
            {
                draftTurn = draftDriver.Say(message.Text, triage);
            }
            catch (DialogRuntimeException exception)
            {
                return new ReplayedConversation(story.Id, story.CreatedAt, turns, "The draft failed here: " + masker.Mask(exception.Message));
            }

            turns.Add(new ReplayedTurn(
                masker.Mask(message.Text),
                isPublic,
                Replies(liveTurn, masker),
                Replies(draftTurn, masker),
                liveTurn.NodePath,
                draftTurn.NodePath,
                Effects(liveTurn, masker),
                Effects(draftTurn, masker)));
        }

        return new ReplayedConversation(story.Id, story.CreatedAt, turns);
    }

    private static string[] Replies(DriverTurn turn, PiiMasker masker) =>
        [.. turn.Replies.Select(r => (r.IsPublic ? "(public) " : "(private) ") + masker.Mask(r.Text))];

    private static string[] Effects(DriverTurn turn, PiiMasker masker) => [.. turn.Effects.Select(e => masker.Mask(ConversationDriver.Describe(e)))];
}
