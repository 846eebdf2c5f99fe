using System.Collections.Frozen;

namespace CareBot.Care.Triage;

/// <summary>
/// A small, fast guess at a message's language as an ISO 639-1 code: the writing system first (Cyrillic, Greek,
/// Arabic, Hebrew, Devanagari, Thai, Hangul, kana, Han), then, for Latin script, which language's common little words
/// ("the", "und", "pero", "est", ...) and letters (ñ, ß, ç, ã, ł, ğ, å) the message uses most. "und" (undetermined)
/// when there is too little to tell. English wins ties: it is the language of most messages here.
/// </summary>
public static class LanguageIdentifier
{
    /// <summary>The code for "cannot tell" (ISO 639-2 "und").</summary>
    public const string Undetermined = "und";

    private const int MaxChars = 1000;

    private static readonly FrozenDictionary<string, string[]> WordsByLanguage = Build(new Dictionary<string, string>
    {
        ["en"] = "the and you your my is are was were have has had not dont cant wont it its this that what when where why how who with for from just been will would can could please thanks thank hi hello help me i im ive get got still again why our we they any no yes ok okay our at on of to be do does did an but so very really as youre same well",
        ["es"] = "el la los las que de del por para con una uno es esta está estoy pero muy mi mis tu su hola gracias ayuda porque cuando donde dónde qué cómo como no sí ya hace nada todo favor mucho pedido vuelo otra otro vez siempre nunca hoy ayer también cancelado retraso vergüenza vergonzoso sin nadie días dias tres solución solucion llevo tengo hay desde hasta mañana factura cuenta tarjeta dinero servicio encanta genial increíble excelente producto productos envío tienda",
        ["fr"] = "le la les et est une un des du pour avec mais très mon ma mes vous nous je suis pas ne bonjour merci aide pourquoi quand où comment ce cette il elle au aux sur dans qui toujours commande vol encore jamais aujourdhui hier cest sont été annulé honte honteux produit produits recommande livraison colis reçu remboursement magasin vraiment parfait génial avez votre vos",
        ["de"] = "der die das und ist nicht ich sie wir mit für auf ein eine einen mein meine bitte danke hallo hilfe warum wann wo wie noch schon aber sehr auch kein keine bestellung flug wieder immer heute gestern nie leider zug verspätet verspätung unglaublich",
        ["it"] = "il lo la gli le che di del della per con una uno non mio mia sono ciao grazie aiuto perché quando dove come ancora ma molto anche ho ordine volo nuovo ritardo treno sempre mai oggi ieri vergogna avete negozi negozio spedite spedizione spedire consegna pacco rimborso prodotto prodotti bellissimo bellissima fantastico ottimo italia",
        ["pt"] = "os as que de do da dos das para com uma um não meu minha sou estou olá obrigado obrigada ajuda porque quando onde como ainda mas muito também pedido voo outra vez sempre nunca hoje ontem atrasado atraso vergonha",
        ["nl"] = "de het een en is niet ik mijn wij jij je met voor op van dat dit maar heel ook nog geen hallo dank bedankt hulp waarom wanneer waar hoe bestelling vlucht weer alweer echt heb heeft hebben zijn jullie uw graag helaas vandaag gisteren nooit altijd trein vertraagd vertraging belachelijk",
        ["tr"] = "ve bir bu da de ne için ile ama çok benim siz biz değil merhaba teşekkürler teşekkür yardım neden nasıl nerede hala sipariş uçuş",
        ["pl"] = "na nie jest to że się jak ale bardzo mój moja dla czy już jeszcze dzień dobry dziękuję pomoc dlaczego kiedy gdzie zamówienie lot znowu znów zawsze nigdy dzisiaj wczoraj pociąg opóźniony opóźnienie",
        ["sv"] = "och är det en ett att jag inte min mitt vi ni med för på av men mycket hej tack hjälp varför när var hur fortfarande beställning flyg",
        ["id"] = "dan yang di ini itu tidak saya kami anda dengan untuk dari tapi sangat sudah belum terima kasih tolong kenapa kapan bagaimana pesanan lagi banget kecewa pesawat nggak gak udah",
    });

    private static readonly (string Letters, string Language)[] LetterHints =
    [
        ("ñ¿¡", "es"), ("ß", "de"), ("ãõ", "pt"), ("łśżźąęćń", "pl"), ("ığş", "tr"), ("å", "sv"), ("œêîûë", "fr"),
    ];

    /// <summary>The message's language as an ISO 639-1 code, or <see cref="Undetermined"/>.</summary>
    public static string Identify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan(0, Math.Min(text.Length, MaxChars));
        var script = DominantScript(span, out var latinLetters, out var hasKana, out var ukrainian, out var persian);
        switch (script)
        {
            case Script.Cyrillic: return ukrainian ? "uk" : "ru";
            case Script.Greek: return "el";
            case Script.Arabic: return persian ? "fa" : "ar";
            case Script.Hebrew: return "he";
            case Script.Devanagari: return "hi";
            case Script.Thai: return "th";
            case Script.Hangul: return "ko";
            case Script.Han: return hasKana ? "ja" : "zh";
            case Script.Kana: return "ja";
            case Script.None: return Undetermined;
        }

        if (latinLetters < 2)
        {
            return Undetermined;
        }

        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        var wordCount = ScoreWords(span, scores);

        foreach (var (letters, language) in LetterHints)
        {
            if (span.IndexOfAny(letters) >= 0)
            {
                scores[language] = scores.GetValueOrDefault(language) + 3;
            }
        }

        // English is the default: another language must bring real evidence (two of its words, or one and its letters)
        // and beat English clearly. A Latin-script message with no evidence at all is taken as English when it has
        // two words or more ("fav airline", "DM sent"); shorter ones cannot be told.
        var english = scores.GetValueOrDefault("en");
        var (other, otherScore) = (Undetermined, 0);
        foreach (var (language, score) in scores)
        {
            if (language != "en" && score > otherScore)
            {
                (other, otherScore) = (language, score);
            }
        }

        if (otherScore >= 4 && otherScore > english + 1)
        {
            return other;
        }

        if (english > 0)
        {
            return "en";
        }

        return otherScore == 0 && wordCount >= 2 ? "en" : Undetermined;
    }

    private enum Script { None, Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai, Hangul, Kana, Han }

    private static Script DominantScript(ReadOnlySpan<char> text, out int latin, out bool hasKana, out bool ukrainian, out bool persian)
    {
        Span<int> counts = stackalloc int[11];
        hasKana = ukrainian = persian = false;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            var script = c switch
            {
                <= '\u024F' => Script.Latin,
                >= '\u0370' and <= '\u03FF' => Script.Greek,
                >= '\u0400' and <= '\u04FF' => Script.Cyrillic,
                >= '\u0590' and <= '\u05FF' => Script.Hebrew,
                >= '\u0600' and <= '\u06FF' => Script.Arabic,
                >= '\u0900' and <= '\u097F' => Script.Devanagari,
                >= '\u0E00' and <= '\u0E7F' => Script.Thai,
                >= '\u3040' and <= '\u30FF' => Script.Kana,
                >= '\u4E00' and <= '\u9FFF' => Script.Han,
                >= '\uAC00' and <= '\uD7AF' => Script.Hangul,
                _ => Script.None,
            };
            counts[(int)script]++;
            hasKana |= script == Script.Kana;
            ukrainian |= c is 'і' or 'ї' or 'є' or 'ґ';
            persian |= c is 'پ' or 'چ' or 'ژ' or 'گ';
        }

        latin = counts[(int)Script.Latin];
        var best = Script.None;
        for (var s = 1; s < counts.Length; s++)
        {
            if (counts[s] > 0 && (best == Script.None || counts[s] > counts[(int)best]))
            {
                best = (Script)s;
            }
        }

        return best;
    }

    /// <summary>
    /// Adds two points per common little word to its languages and returns how many words there were. Words are
    /// lower-cased without apostrophes in a stack buffer and looked up by span: no string per word.
    /// </summary>
    private static int ScoreWords(ReadOnlySpan<char> text, Dictionary<string, int> scores)
    {
        const int longestListedWord = 32;
        Span<char> buffer = stackalloc char[longestListedWord];
        var lookup = WordsByLanguage.GetAlternateLookup<ReadOnlySpan<char>>();
        var count = 0;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && (char.IsLetter(text[i]) || text[i] is '\'' or '’');
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (start == 0 || text[start - 1] is not ('@' or '#'))
                {
                    count++;
                    var length = 0;
                    foreach (var c in text[start..i])
                    {
                        if (c is '\'' or '’')
                        {
                            continue;
                        }

                        if (length == buffer.Length)
                        {
                            length = -1;
                            break;
                        }

                        buffer[length++] = char.ToLowerInvariant(c);
                    }

                    if (length > 0 && lookup.TryGetValue(buffer[..length], out var languages))
                    {
                        foreach (var language in languages)
                        {
                            scores[language] = scores.GetValueOrDefault(language) + 2;
                        }
                    }
                }

                start = -1;
            }
        }

        return count;
    }

    private static FrozenDictionary<string, string[]> Build(Dictionary<string, string> lists)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (language, words) in lists)
        {
            foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!map.TryGetValue(word, out var languages))
                {
                    map[word] = languages = [];
                }

                if (!languages.Contains(language))
                {
                    languages.Add(language);
                }
            }
        }

        return map.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}
