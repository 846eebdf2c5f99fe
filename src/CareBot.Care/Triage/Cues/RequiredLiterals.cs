namespace CareBot.Care.Triage.Cues;

/// <summary>
/// Reads a cue pattern and finds a set of literals of which every match must contain at least one (case-folded by
/// <see cref="CaseFolding"/>): for '\b(late|delayed)\b[^.!?]{0,25}\bagain\b' that is {"again"}. A text containing none of
/// them cannot match, so the prefilter skips the pattern without running it.
/// </summary>
/// <remarks>
/// The reading is conservative, in the manner of RE2's prefilter: literals and small character classes are exact
/// strings; a concatenation multiplies exact strings out (up to <see cref="MaxExact"/>) and otherwise keeps its most
/// selective part; an alternation needs a literal from every branch; anything optional, repeated from zero, a
/// back-reference or a wide class requires nothing. Lookarounds and anchors match no text and are skipped, which only
/// widens the set. A construct it does not know (a conditional, the x option) gives up: the pattern then always runs.
/// </remarks>
internal sealed class RequiredLiterals
{
    private const int MaxExact = 64;
    private const int MaxClass = 8;

    private readonly string pattern;
    private int position;

    private RequiredLiterals(string pattern) => this.pattern = pattern;

    /// <summary>The literals one of which every match contains, or null when none can be named.</summary>
    public static IReadOnlyList<string>? Of(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            var reader = new RequiredLiterals(pattern);
            var info = reader.Alternation();
            if (reader.position != pattern.Length)
            {
                return null;
            }

            var required = info.Requirement();
            return required is null ? null : [.. required.Order(StringComparer.Ordinal)];
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private Info Alternation()
    {
        var branches = new List<Info> { Concatenation() };
        while (Peek() == '|')
        {
            position++;
            branches.Add(Concatenation());
        }

        if (branches.Count == 1)
        {
            return branches[0];
        }

        if (branches.All(b => b.Exact is not null) && branches.Sum(b => b.Exact!.Count) <= MaxExact)
        {
            return Info.OfExact(branches.SelectMany(b => b.Exact!));
        }

        var union = new HashSet<string>(StringComparer.Ordinal);
        foreach (var branch in branches)
        {
            if (branch.Requirement() is not { } required)
            {
                return Info.Nothing;
            }

            union.UnionWith(required);
        }

        return Info.OfRequired(union);
    }

    private Info Concatenation()
    {
        var candidates = new List<HashSet<string>>();
        HashSet<string> run = [string.Empty];
        var allExact = true;
        while (position < pattern.Length && Peek() is not '|' and not ')')
        {
            var item = Quantified(Atom());
            if (item.Exact is { } exact && (long)run.Count * exact.Count <= MaxExact)
            {
                run = Product(run, exact);
                continue;
            }

            allExact = false;
            candidates.Add(run);
            if (item.Exact is { } tooMany)
            {
                run = tooMany;
            }
            else
            {
                if (item.Required is { } required)
                {
                    candidates.Add(required);
                }

                run = [string.Empty];
            }
        }

        if (allExact)
        {
            return new Info(run, null);
        }

        candidates.Add(run);
        return Info.OfRequired(candidates.Where(c => !c.Contains(string.Empty)).MaxBy(Selectivity));
    }

    /// <summary>Longer shortest literals are rarer in text; among equals, fewer literals.</summary>
    private static double Selectivity(HashSet<string> literals) => literals.Min(l => l.Length) - (literals.Count / 1000.0);

    private Info Quantified(Info atom)
    {
        if (position >= pattern.Length)
        {
            return atom;
        }

        int min;
        int max;
        switch (pattern[position])
        {
            case '?':
                (min, max) = (0, 1);
                position++;
                break;
            case '*':
                (min, max) = (0, int.MaxValue);
                position++;
                break;
            case '+':
                (min, max) = (1, int.MaxValue);
                position++;
                break;
            case '{' when TryBraces(out min, out max):
                break;
            default:
                return atom;
        }

        if (Peek() is '?' or '+')
        {
            position++; // lazy or possessive: the same strings
        }

        if (min == 0)
        {
            return max == 1 && atom.Exact is { } exact ? new Info([.. exact, string.Empty], null) : Info.Nothing;
        }

        return max == 1 ? atom : Info.OfRequired(atom.Requirement());
    }

    private bool TryBraces(out int min, out int max)
    {
        min = max = 0;
        var close = pattern.IndexOf('}', position);
        if (close < 0)
        {
            return false;
        }

        var parts = pattern[(position + 1)..close].Split(',');
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], out min))
        {
            return false;
        }

        max = parts.Length == 1 ? min : parts[1].Length == 0 ? int.MaxValue : int.TryParse(parts[1], out var m) ? m : -1;
        if (max < 0)
        {
            return false;
        }

        position = close + 1;
        return true;
    }

    private Info Atom()
    {
        var c = pattern[position++];
        switch (c)
        {
            case '(':
                return Group();
            case '[':
                return CharacterClass();
            case '\\':
                return Escape();
            case '.':
                return Info.Nothing;
            case '^':
            case '$':
                return Info.Empty;
            case '*' or '+' or '?':
                throw new NotSupportedException("a quantifier with nothing before it");
            default:
                return Literal(c);
        }
    }

    private Info Group()
    {
        var zeroWidth = false;
        if (Peek() == '?')
        {
            position++;
            var kind = Peek();
            if (kind == ':' || kind == '>')
            {
                position++;
            }
            else if (kind is '=' or '!')
            {
                position++;
                zeroWidth = true;
            }
            else if (kind == '<' && position + 1 < pattern.Length && pattern[position + 1] is '=' or '!')
            {
                position += 2;
                zeroWidth = true;
            }
            else if (kind is '<' or '\'')
            {
                var close = pattern.IndexOf(kind == '<' ? '>' : '\'', position + 1);
                position = close >= 0 ? close + 1 : throw new NotSupportedException("an unterminated group name");
            }
            else if (kind == '#')
            {
                var close = pattern.IndexOf(')', position);
                position = close >= 0 ? close + 1 : throw new NotSupportedException("an unterminated comment");
                return Info.Empty;
            }
            else
            {
                // Inline options: (?i) (?-i) (?i:...). Case options change nothing here (the prefilter folds case
                // anyway); x changes what whitespace means, so give up.
                var start = position;
                while (position < pattern.Length && pattern[position] is 'i' or 'm' or 'n' or 's' or 'x' or '-')
                {
                    position++;
                }

                var options = pattern[start..position];
                if (options.Length == 0 || options.Split('-')[0].Contains('x', StringComparison.Ordinal))
                {
                    throw new NotSupportedException("a construct the prefilter does not read");
                }

                if (Peek() == ')')
                {
                    position++;
                    return Info.Empty;
                }

                if (Peek() != ':')
                {
                    throw new NotSupportedException("malformed inline options");
                }

                position++;
            }
        }

        var inner = Alternation();
        if (Peek() != ')')
        {
            throw new NotSupportedException("an unclosed group");
        }

        position++;
        return zeroWidth ? Info.Empty : inner;
    }

    private Info CharacterClass()
    {
        var negated = Peek() == '^';
        if (negated)
        {
            position++;
        }

        var chars = new HashSet<char>();
        var wide = negated;
        var first = true;
        while (position < pattern.Length && (pattern[position] != ']' || first))
        {
            first = false;
            var c = pattern[position++];
            if (c == '[' || (c == '-' && Peek() == '['))
            {
                throw new NotSupportedException("a class subtraction");
            }

            if (c == '\\')
            {
                var escaped = pattern[position++];
                if (ClassEscape(escaped) is { } single)
                {
                    c = single;
                }
                else
                {
                    wide = true;
                    continue;
                }
            }

            if (Peek() == '-' && position + 1 < pattern.Length && pattern[position + 1] != ']')
            {
                position++;
                var end = pattern[position++];
                if (end == '\\')
                {
                    end = ClassEscape(pattern[position++]) ?? throw new NotSupportedException("a range to a class");
                }

                if (end - c >= MaxClass)
                {
                    wide = true;
                    continue;
                }

                for (var r = c; r <= end; r++)
                {
                    chars.Add(r);
                }

                continue;
            }

            chars.Add(c);
        }

        if (Peek() != ']')
        {
            throw new NotSupportedException("an unclosed class");
        }

        position++;
        if (wide || chars.Count > MaxClass)
        {
            return Info.Nothing;
        }

        var exact = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in chars)
        {
            if (!CaseFolding.TryFoldLiteral(c, out var folded))
            {
                return Info.Nothing;
            }

            exact.Add(folded.ToString());
        }

        return new Info(exact, null);
    }

    /// <summary>The character an escape inside a class stands for, or null for a class escape such as \w or \p{L}.</summary>
    private char? ClassEscape(char escaped)
    {
        switch (escaped)
        {
            case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                return null;
            case 'p' or 'P':
                SkipBraces();
                return null;
            case 'b':
                return '\b';
            default:
                return Control(escaped);
        }
    }

    private Info Escape()
    {
        if (position >= pattern.Length)
        {
            throw new NotSupportedException("a trailing backslash");
        }

        var escaped = pattern[position++];
        switch (escaped)
        {
            case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                return Info.Empty;
            case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                return Info.Nothing;
            case 'p' or 'P':
                SkipBraces();
                return Info.Nothing;
            case 'k':
                throw new NotSupportedException("a named back-reference");
            case >= '1' and <= '9':
                // A back-reference: its text is whatever the group matched (possibly nothing).
                while (Peek() is >= '0' and <= '9')
                {
                    position++;
                }

                return Info.Nothing;
            default:
                return Literal(Control(escaped));
        }
    }

    /// <summary>An escaped character: \t, \n, \uXXXX, \xXX, \cX, or the character itself (\. \? \$).</summary>
    private char Control(char escaped)
    {
        switch (escaped)
        {
            case 't': return '\t';
            case 'n': return '\n';
            case 'r': return '\r';
            case 'f': return '\f';
            case 'v': return '\v';
            case 'a': return '\a';
            case 'e': return '\u001B';
            case '0': throw new NotSupportedException("an octal escape");
            case 'u': return Hex(4);
            case 'x': return Hex(2);
            case 'c': throw new NotSupportedException("a control escape");
            default:
                if (char.IsLetterOrDigit(escaped))
                {
                    throw new NotSupportedException("an escape the prefilter does not read");
                }

                return escaped;
        }
    }

    private char Hex(int digits)
    {
        if (position + digits > pattern.Length
            || !int.TryParse(pattern.AsSpan(position, digits), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            throw new NotSupportedException("a malformed hex escape");
        }

        position += digits;
        return (char)value;
    }

    private void SkipBraces()
    {
        var close = Peek() == '{' ? pattern.IndexOf('}', position) : -1;
        position = close >= 0 ? close + 1 : throw new NotSupportedException("a malformed \\p escape");
    }

    private static Info Literal(char c) =>
        CaseFolding.TryFoldLiteral(c, out var folded) ? new Info([folded.ToString()], null) : Info.Nothing;

    private char Peek() => position < pattern.Length ? pattern[position] : '\0';

    private static HashSet<string> Product(HashSet<string> left, HashSet<string> right)
    {
        var product = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in left)
        {
            foreach (var r in right)
            {
                product.Add(l + r);
            }
        }

        return product;
    }

    /// <summary>
    /// What a piece of pattern can match: <see cref="Exact"/> when it matches only these strings (possibly the empty
    /// one), else <see cref="Required"/> when every match contains one of them, else nothing known.
    /// </summary>
    private sealed record Info(HashSet<string>? Exact, HashSet<string>? Required)
    {
        public static Info Nothing { get; } = new(null, null);

        public static Info Empty => new([string.Empty], null);

        public static Info OfExact(IEnumerable<string> strings) => new(new HashSet<string>(strings, StringComparer.Ordinal), null);

        public static Info OfRequired(HashSet<string>? required) =>
            required is null || required.Count == 0 || required.Contains(string.Empty) ? Nothing : new(null, required);

        /// <summary>The literals one of which every match contains, or null.</summary>
        public HashSet<string>? Requirement() =>
            Exact is { } exact ? (exact.Contains(string.Empty) ? null : exact) : Required;
    }
}
