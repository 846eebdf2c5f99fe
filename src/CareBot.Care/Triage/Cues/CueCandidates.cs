namespace CareBot.Care.Triage.Cues;

/// <summary>The cue patterns that could match one message, by <see cref="CuePrefilter"/> slot: a bit set.</summary>
internal sealed class CueCandidates
{
    private readonly ulong[] bits;

    public CueCandidates(int slots) => bits = new ulong[(slots + 63) / 64];

    public void Add(int slot) => bits[slot >> 6] |= 1UL << (slot & 63);

    /// <summary>Whether the pattern in <paramref name="slot"/> may match; -1 (a pattern without a slot) always may.</summary>
    public bool Contains(int slot) => slot < 0 || (bits[slot >> 6] & (1UL << (slot & 63))) != 0;
}
