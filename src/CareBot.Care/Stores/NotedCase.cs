using CareBot.Care.Cases;

namespace CareBot.Care.Stores;

/// <summary>A case after <see cref="ICaseStore.AppendNoteAsync"/>: as stored, and the event the note raised.</summary>
public sealed record NotedCase(CaseRecord Case, CaseEvent Event);
