using CareBot.Care.Agents;
using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Dialogs.Model;

namespace CareBot.Web.Console;

/// <summary>
/// The console's case actions. Each checks who may act (the account as stored now: a disabled account or a queue the
/// account does not work is refused), then calls the SAME service the JSON agent API calls (<see cref="AgentDesk"/> or
/// <see cref="ICaseStore"/>) and publishes the events to the live feed, as the API does.
/// </summary>
/// <remarks>
/// An agent acts only on cases they claimed (AgentDesk refuses the rest). A supervisor or admin may also resolve, set
/// waiting or hand back someone else's case: the desk is then called for the assignee, and a note records who really
/// did it, so the audit trail stays true. Replies stay the assignee's own words.
/// </remarks>
/// <param name="mentionEmails">E-mails mentioned colleagues who have an address; null sends no email (unit tests).</param>
public sealed class ConsoleDesk(
    IAgentAccountStore accounts, ICaseStore cases, AgentDesk desk, ICaseEventFeed feed, TimeProvider time, MentionEmails? mentionEmails = null)
{
    public const int MaxTextLength = 10_000;

    // A tag change re-reads and retries when someone else changed the case in between (a version conflict).
    private const int TagAttempts = 3;

    /// <summary>Anyone who works the case's queue tags it, claimed or not; a note in the case records who.</summary>
    public Task<ConsoleActionResult> AddTagAsync(string user, string caseId, string? tag, CancellationToken cancellationToken) =>
        CaseTags.Normalize(tag) is not { } normalized
            ? Task.FromResult(ConsoleActionResult.Refused(CaseTags.Rule))
            : ChangeTagsAsync(user, caseId, (c, by) => c.AddTag(normalized, by, time.GetUtcNow()), cancellationToken);

    public Task<ConsoleActionResult> RemoveTagAsync(string user, string caseId, string tag, CancellationToken cancellationToken) =>
        ChangeTagsAsync(user, caseId, (c, by) => c.RemoveTag(tag, by, time.GetUtcNow()), cancellationToken);

    public Task<ConsoleActionResult> ClaimAsync(string user, string caseId, CancellationToken cancellationToken) =>
        ActAsync(user, caseId, async (account, _) =>
        {
            var claim = await cases.TryClaimAsync(caseId, account.UserName, cancellationToken).ConfigureAwait(false);
            if (claim.Event is { } claimed)
            {
                feed.Publish(claimed);
            }

            if (claim.Outcome == CaseClaimOutcome.Claimed)
            {
                return ConsoleActionResult.Ok;
            }

            // Lost a race: say who won, in the words the page shows when it sees the claim live.
            return claim.Case?.Case.Assignee is { } holder && !string.Equals(holder, account.UserName, StringComparison.Ordinal)
                ? ConsoleActionResult.Refused(await ClaimedNoticeAsync(holder, cancellationToken).ConfigureAwait(false))
                : ConsoleActionResult.Refused($"Case {caseId} can't be claimed: it is {Describe(claim.Case?.Case)}.");
        }, cancellationToken);

    /// <summary>What an agent is told when someone else claimed the case they are on: "Ben Okafor claimed this case."</summary>
    public async Task<string> ClaimedNoticeAsync(string holder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        var account = await accounts.GetAsync(holder, cancellationToken).ConfigureAwait(false);
        return $"{(string.IsNullOrWhiteSpace(account?.DisplayName) ? holder : account.DisplayName)} claimed this case.";
    }

    public Task<ConsoleActionResult> ReplyAsync(string user, string caseId, string? text, CancellationToken cancellationToken) =>
        Checked(text, "A reply") ?? ActAsync(user, caseId, async (account, _) =>
            Answer(await desk.ReplyAsync(caseId, account.UserName, text!.Trim(), cancellationToken).ConfigureAwait(false)), cancellationToken);

    /// <summary>
    /// Adds a note; each enabled account it mentions (not the author) gets a live "mentioned" event, and an email when
    /// the account has an address. The emails are stored in the note's transaction: both or neither.
    /// </summary>
    public Task<ConsoleActionResult> AddNoteAsync(string user, string caseId, string? text, CancellationToken cancellationToken) =>
        Checked(text, "A note") ?? ActAsync(user, caseId, async (account, _) =>
        {
            var note = text!.Trim();
            var mentioned = await MentionedAsync(account, note, cancellationToken).ConfigureAwait(false);
            var noted = mentionEmails is null
                ? await cases.AppendNoteAsync(caseId, account.UserName, note, cancellationToken).ConfigureAwait(false)
                : await cases.AppendNoteAsync(caseId, account.UserName, note, c => mentionEmails.For(c, account.UserName, mentioned, note), cancellationToken).ConfigureAwait(false);
            if (noted is null)
            {
                return ConsoleActionResult.Refused($"There is no case {caseId}.");
            }

            feed.PublishAll([noted.Event, .. mentioned.Select(m => new CaseEvent(CaseEventNames.Mentioned, caseId, noted.Event.At, m.UserName))]);
            if (mentioned.Any(m => m.Email is not null))
            {
                mentionEmails?.Committed();
            }

            return ConsoleActionResult.Ok;
        }, cancellationToken);

    public Task<ConsoleActionResult> WaitForCustomerAsync(string user, string caseId, CancellationToken cancellationToken) =>
        OnBehalfAsync(user, caseId, "set it waiting for the customer", desk.WaitForCustomerAsync, cancellationToken);

    public Task<ConsoleActionResult> ResolveAsync(string user, string caseId, CancellationToken cancellationToken) =>
        OnBehalfAsync(user, caseId, "resolved it", desk.ResolveAsync, cancellationToken);

    public Task<ConsoleActionResult> HandBackAsync(string user, string caseId, CancellationToken cancellationToken) =>
        OnBehalfAsync(user, caseId, "handed it back to the bot", desk.HandBackAsync, cancellationToken);

    /// <summary>A supervisor or admin gives the case to <paramref name="agent"/>, an enabled account that works its queue.</summary>
    public Task<ConsoleActionResult> ReassignAsync(string user, string caseId, string? agent, CancellationToken cancellationToken) =>
        ActAsync(user, caseId, async (account, value) =>
        {
            if (!account.IsSupervisor)
            {
                return ConsoleActionResult.Refused("Only a supervisor or an admin can reassign a case.", ConsoleRefusal.NotAllowed);
            }

            if (string.IsNullOrWhiteSpace(agent)
                || await accounts.GetAsync(agent, cancellationToken).ConfigureAwait(false) is not { Disabled: false } target
                || !target.Works(value.Queue))
            {
                return ConsoleActionResult.Refused($"Choose an enabled account that works the '{value.Queue}' queue.", ConsoleRefusal.BadInput);
            }

            return Answer(await desk.ReassignAsync(caseId, target.UserName, account.UserName, cancellationToken).ConfigureAwait(false));
        }, cancellationToken);

    /// <summary>A supervisor or admin sets the case's priority (its SLA due times follow).</summary>
    public Task<ConsoleActionResult> ChangePriorityAsync(string user, string caseId, Priority priority, CancellationToken cancellationToken) =>
        ChangePriorityAsync(user, caseId, priority, reason: null, cancellationToken);

    /// <summary>
    /// A supervisor or admin sets the case's priority (its SLA due times follow); a <paramref name="reason"/> becomes a
    /// note beside the case's own "changed the priority" note.
    /// </summary>
    public Task<ConsoleActionResult> ChangePriorityAsync(string user, string caseId, Priority priority, string? reason, CancellationToken cancellationToken) =>
        reason is { Length: > MaxTextLength }
            ? Task.FromResult(ConsoleActionResult.Refused($"A reason holds at most {MaxTextLength} characters.", ConsoleRefusal.BadInput))
            : ActAsync(user, caseId, async (account, _) =>
            {
                if (!account.IsSupervisor)
                {
                    return ConsoleActionResult.Refused("Only a supervisor or an admin can change a case's priority.", ConsoleRefusal.NotAllowed);
                }

                if (!Enum.IsDefined(priority))
                {
                    return ConsoleActionResult.Refused("Choose Low, Normal, High or Urgent.", ConsoleRefusal.BadInput);
                }

                var changed = Answer(await desk.ChangePriorityAsync(caseId, priority, account.UserName, cancellationToken).ConfigureAwait(false));
                if (changed.Done && !string.IsNullOrWhiteSpace(reason)
                    && await cases.AppendNoteAsync(caseId, account.UserName, $"Reason for the priority change: {reason.Trim()}", cancellationToken).ConfigureAwait(false) is { } noted)
                {
                    feed.Publish(noted.Event);
                }

                return changed;
            }, cancellationToken);

    private Task<ConsoleActionResult> OnBehalfAsync(
        string user, string caseId, string what, Func<string, string, CancellationToken, Task<AgentActionResult>> action, CancellationToken cancellationToken) =>
        ActAsync(user, caseId, async (account, value) =>
        {
            var assignee = value.Assignee;
            var forSomeoneElse = account.IsSupervisor && assignee is not null && !string.Equals(assignee, account.UserName, StringComparison.Ordinal);
            var result = await action(caseId, forSomeoneElse ? assignee! : account.UserName, cancellationToken).ConfigureAwait(false);
            if (result.Outcome == AgentActionOutcome.Done && forSomeoneElse
                && await cases.AppendNoteAsync(caseId, account.UserName, $"{account.UserName} ({account.Role.ToString().ToLowerInvariant()}) {what} on behalf of {assignee}.", cancellationToken).ConfigureAwait(false) is { } noted)
            {
                feed.PublishAll([.. result.Events, noted.Event]);
                return ConsoleActionResult.Ok;
            }

            return Answer(result);
        }, cancellationToken);

    // The enabled accounts a note mentions, without its author.
    private async Task<IReadOnlyList<AgentAccount>> MentionedAsync(AgentAccount author, string text, CancellationToken cancellationToken)
    {
        var mentioned = new List<AgentAccount>();
        foreach (var name in NoteMentions.Find(text).Where(n => !string.Equals(n, author.UserName, StringComparison.Ordinal)))
        {
            if (await accounts.GetAsync(name, cancellationToken).ConfigureAwait(false) is { Disabled: false } account)
            {
                mentioned.Add(account);
            }
        }

        return mentioned;
    }

    private Task<ConsoleActionResult> ChangeTagsAsync(string user, string caseId, Func<Case, string, CaseEvent> change, CancellationToken cancellationToken) =>
        ActAsync(user, caseId, async (account, _) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                if (await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false) is not { } record)
                {
                    return ConsoleActionResult.Refused($"There is no case {caseId}.");
                }

                CaseEvent changed;
                try
                {
                    changed = change(record.Case, account.UserName);
                }
                catch (InvalidCaseTransitionException refused)
                {
                    return ConsoleActionResult.Refused(refused.Message);
                }

                try
                {
                    await cases.UpdateAsync(record.Case, record.Version, [], cancellationToken).ConfigureAwait(false);
                    feed.Publish(changed);
                    return ConsoleActionResult.Ok;
                }
                catch (CaseConflictException) when (attempt < TagAttempts)
                {
                    // Someone else changed the case meanwhile: apply the tag to the newer version.
                }
            }
        }, cancellationToken);

    private ConsoleActionResult Answer(AgentActionResult result)
    {
        switch (result.Outcome)
        {
            case AgentActionOutcome.Done:
                feed.PublishAll(result.Events);
                return ConsoleActionResult.Ok;
            case AgentActionOutcome.NotFound:
                return ConsoleActionResult.Refused("There is no such case.", ConsoleRefusal.NotFound);
            case AgentActionOutcome.Forbidden:
                return ConsoleActionResult.Refused(result.Problem ?? "The case belongs to another agent.", ConsoleRefusal.NotAllowed);
            default:
                return ConsoleActionResult.Refused(result.Problem ?? "That is not possible in the case's status.");
        }
    }

    /// <summary>Reads the acting account and the case, refuses what the account may not touch, then acts.</summary>
    private async Task<ConsoleActionResult> ActAsync(
        string user, string caseId, Func<AgentAccount, Case, Task<ConsoleActionResult>> act, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (await accounts.GetAsync(user, cancellationToken).ConfigureAwait(false) is not { Disabled: false } account)
        {
            return ConsoleActionResult.Refused("Your account is disabled or no longer exists; sign in again.", ConsoleRefusal.NotAllowed);
        }

        if (!Case.TryParseId(caseId, out _) || await cases.GetAsync(caseId, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return ConsoleActionResult.Refused($"There is no case {caseId}.", ConsoleRefusal.NotFound);
        }

        if (!account.Works(record.Case.Queue))
        {
            return ConsoleActionResult.Refused($"Case {caseId} is in the '{record.Case.Queue}' queue, which you don't work.", ConsoleRefusal.NotAllowed);
        }

        return await act(account, record.Case).ConfigureAwait(false);
    }

    private static Task<ConsoleActionResult>? Checked(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength
            ? Task.FromResult(ConsoleActionResult.Refused($"{what} needs some text (at most {MaxTextLength} characters)."))
            : null;

    private static string Describe(Case? value) =>
        value is null ? "not queued" : value.Status + (value.Assignee is { } who ? " (claimed by " + who + ")" : string.Empty);
}
