namespace CareBot.Care.Studio;

/// <summary>One line of the admin audit log: who did what to which thing, when.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">The admin's user name.</param>
/// <param name="Action">A <see cref="PublicationKinds"/> value.</param>
/// <param name="Subject">What was changed, e.g. <c>care</c> or <c>settings:brand</c>.</param>
/// <param name="Detail">A sentence for people: version, note, old and new values.</param>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Subject, string Detail);
