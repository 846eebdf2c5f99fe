namespace CareBot.Care.Triage.Sentiment;

/// <summary>
/// Splits a message into sentences at ., ! or ? (and runs of them) followed by white space, and at line breaks.
/// Good enough for chat messages; offsets are kept so sentences can be highlighted in the original text.
/// </summary>
internal static class SentenceSplitter
{
    public static List<(int Offset, int Length)> Split(string text)
    {
        var sentences = new List<(int, int)>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var end = -1;
            if (c is '\n' or '\r')
            {
                end = i;
            }
            else if (c is '.' or '!' or '?' or '…')
            {
                var j = i;
                while (j + 1 < text.Length && text[j + 1] is '.' or '!' or '?' or '…')
                {
                    j++;
                }

                if (j + 1 >= text.Length || char.IsWhiteSpace(text[j + 1]))
                {
                    end = j + 1;
                }

                i = j;
            }

            if (end >= 0)
            {
                Add(text, start, end, sentences);
                start = end;
            }

            i++;
        }

        Add(text, start, text.Length, sentences);
        return sentences;
    }

    private static void Add(string text, int start, int end, List<(int, int)> sentences)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add((start, end - start));
        }
    }
}
