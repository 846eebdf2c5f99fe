namespace CareBot.Triage.Training.Corpus;

/// <summary>
/// The words of one industry that the urgency templates fill in, written for this project from what each business's
/// customers face when time runs out; never copied from real posts. <see cref="Stranded"/>: stuck or waiting right now
/// (complaints). <see cref="Deadlines"/>: something due within hours, told calmly. <see cref="Blockers"/>: what stands in
/// the way right now (with a deadline, a complaint). <see cref="Essentials"/>: safety, health, heat, power or money to
/// live on, now. <see cref="Places"/>: where, or in what state, a customer gets stuck ("at the gate", "without power"),
/// told as happening now (urgent) and as over (not urgent) by the same templates, so that the time, not the place,
/// decides. The hard negatives: <see cref="Ongoing"/>, troubles going on now that are not urgent (no deadline, no
/// safety: "locked out of my account", "waiting for my refund"), told in the same present-tense templates as
/// <see cref="Places"/>; <see cref="PastTroubles"/>, the same kind of trouble told afterwards; and
/// <see cref="LaterPlans"/>, plans days or weeks away.
/// </summary>
internal sealed record UrgentSituation(
    string Industry,
    string[] Places,
    string[] Ongoing,
    string[] Stranded,
    string[] Deadlines,
    string[] Blockers,
    string[] Essentials,
    string[] PastTroubles,
    string[] LaterPlans);
