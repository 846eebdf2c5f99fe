using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace CareBot.Care.Triage.Cues;

/// <summary>
/// The literal prefilter of the cue patterns: one pass over a message (an Aho-Corasick automaton over every pattern's
/// <see cref="RequiredLiterals"/>) tells which patterns could match at all, so most patterns of the cue file never run.
/// A pattern whose literals cannot be named always runs. Immutable and thread-safe once built.
/// </summary>
/// <remarks>
/// Skipping is exact, not a heuristic: a skipped pattern is one that cannot match (its every match contains one of its
/// literals, and the text, case-folded as the regex engine folds it, contains none), so the cues fire and quote exactly
/// as without the prefilter.
/// </remarks>
internal sealed class CuePrefilter
{
    private readonly Dictionary<(string Pattern, RegexOptions Options), int> slots;
    private readonly int[] alwaysRun;
    private readonly int[] asciiColumn;
    private readonly FrozenDictionary<char, int> otherColumn;
    private readonly int columns;
    private readonly int[] next;
    private readonly int[][] output;

    private CuePrefilter(Dictionary<(string, RegexOptions), int> slots, List<IReadOnlyList<string>?> literals)
    {
        this.slots = slots;
        alwaysRun = [.. Enumerable.Range(0, literals.Count).Where(slot => literals[slot] is null)];

        // The trie of all literals; each node lists the slots whose literal ends there.
        var children = new List<Dictionary<char, int>> { new() };
        var ends = new List<HashSet<int>> { new() };
        foreach (var (slot, slotLiterals) in literals.Select((l, i) => (i, l)))
        {
            foreach (var literal in slotLiterals ?? [])
            {
                var node = 0;
                foreach (var c in literal)
                {
                    if (!children[node].TryGetValue(c, out var child))
                    {
                        child = children.Count;
                        children[node][c] = child;
                        children.Add([]);
                        ends.Add([]);
                    }

                    node = child;
                }

                ends[node].Add(slot);
            }
        }

        // Columns: one per character that occurs in a literal, column 0 for every other character.
        var alphabet = children.SelectMany(c => c.Keys).Distinct().Order().ToArray();
        asciiColumn = new int[128];
        var others = new Dictionary<char, int>();
        for (var i = 0; i < alphabet.Length; i++)
        {
            if (alphabet[i] < 128)
            {
                asciiColumn[alphabet[i]] = i + 1;
            }
            else
            {
                others[alphabet[i]] = i + 1;
            }
        }

        otherColumn = others.ToFrozenDictionary();
        columns = alphabet.Length + 1;

        // The automaton: goto plus failure links folded into one transition table, built breadth first.
        var states = children.Count;
        next = new int[states * columns];
        var fail = new int[states];
        var queue = new Queue<int>();
        foreach (var (c, child) in children[0])
        {
            next[Column(c)] = child;
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            ends[state].UnionWith(ends[fail[state]]);
            for (var column = 0; column < columns; column++)
            {
                next[(state * columns) + column] = next[(fail[state] * columns) + column];
            }

            foreach (var (c, child) in children[state])
            {
                fail[child] = next[(fail[state] * columns) + Column(c)];
                next[(state * columns) + Column(c)] = child;
                queue.Enqueue(child);
            }
        }

        output = [.. ends.Select(e => e.Order().ToArray())];
    }

    /// <summary>How many distinct patterns the prefilter knows.</summary>
    public int PatternCount => slots.Count;

    /// <summary>How many of them have no literal and always run.</summary>
    public int AlwaysRunCount => alwaysRun.Length;

    /// <summary>A prefilter for <paramref name="patterns"/> (duplicates share a slot).</summary>
    public static CuePrefilter For(IEnumerable<Regex> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var slots = new Dictionary<(string, RegexOptions), int>();
        var literals = new List<IReadOnlyList<string>?>();
        foreach (var pattern in patterns)
        {
            var key = Key(pattern);
            if (!slots.ContainsKey(key))
            {
                slots[key] = literals.Count;
                literals.Add(Readable(pattern) ? RequiredLiterals.Of(pattern.ToString()) : null);
            }
        }

        return new CuePrefilter(slots, literals);
    }

    /// <summary>The slot of a pattern given to <see cref="For"/>, or -1 (a pattern it does not know always runs).</summary>
    public int SlotOf(Regex pattern) => slots.TryGetValue(Key(pattern), out var slot) ? slot : -1;

    /// <summary>Which patterns could match <paramref name="text"/>.</summary>
    public CueCandidates Scan(ReadOnlySpan<char> text)
    {
        var candidates = new CueCandidates(slots.Count);
        foreach (var slot in alwaysRun)
        {
            candidates.Add(slot);
        }

        var state = 0;
        foreach (var c in text)
        {
            var folded = CaseFolding.FoldText(c);
            var column = folded < 128 ? asciiColumn[folded] : otherColumn.GetValueOrDefault(folded);
            state = next[(state * columns) + column];
            foreach (var slot in output[state])
            {
                candidates.Add(slot);
            }
        }

        return candidates;
    }

    private int Column(char c) => c < 128 ? asciiColumn[c] : otherColumn[c];

    private static (string, RegexOptions) Key(Regex pattern) => (pattern.ToString(), pattern.Options & ~RegexOptions.Compiled);

    /// <summary>Options that change what a pattern's text means to the reader make it always run.</summary>
    private static bool Readable(Regex pattern) =>
        (pattern.Options & (RegexOptions.IgnorePatternWhitespace | RegexOptions.ECMAScript | RegexOptions.RightToLeft)) == 0;
}
