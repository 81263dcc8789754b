using System.Runtime.InteropServices;

namespace NewsBot.Summaries;

/// <summary>
/// The candidate sentences of an article, each with its tokens, read from the cleaned text only
/// as far as the summary can reach. Sentences are slices of the text, tokens share one buffer.
/// </summary>
internal sealed class CandidateSentences
{
    // Fragments are kept only while no proper sentence turns up; this bounds an article of fragments.
    private const int MaxFragments = 120;
    private const double TitleEcho = 0.8;

    private readonly List<Sentence> _sentences = [];
    private readonly List<int> _tokens = new(512);
    private readonly List<Range> _ranges = [];
    private readonly string? _title;
    private readonly int[] _titleTokens;
    private TextCleaner.ParagraphReader _reader;
    private ReadOnlyMemory<char> _paragraph;
    private int _nextRange;
    private int _substantial;

    private CandidateSentences(string? text, string? title, int[] titleTokens)
    {
        _reader = new TextCleaner.ParagraphReader(text);
        _title = title;
        _titleTokens = titleTokens;
    }

    private readonly record struct Sentence(ReadOnlyMemory<char> Text, int TokenStart, int TokenCount, bool Substantial);

    public int Count => _sentences.Count;

    public ReadOnlyMemory<char> Text(int i) => _sentences[i].Text;

    public ReadOnlySpan<int> Tokens(int i)
    {
        var sentence = _sentences[i];
        return CollectionsMarshal.AsSpan(_tokens).Slice(sentence.TokenStart, sentence.TokenCount);
    }

    public bool IsCjk(int i) => _sentences[i].Text.Span.ContainsAnyInRange('\u3040', '\u9FFF');

    /// <summary>
    /// The first <paramref name="maxCandidates"/> substantial sentences of <paramref name="text"/>
    /// (or, when it has none, its fragments), without the title repeated as a sentence.
    /// </summary>
    public static CandidateSentences Read(string? text, string? title, int[] titleTokens, int maxCandidates)
    {
        var article = new CandidateSentences(text, title, titleTokens);
        article.ReadUpTo(maxCandidates);
        return article;
    }

    /// <summary>
    /// Reads on until the article holds <paramref name="maxCandidates"/> substantial sentences or
    /// the text ends: a caller that learns only from the first sentences how many it needs pays
    /// for no more.
    /// </summary>
    public void ReadUpTo(int maxCandidates)
    {
        while (_substantial < maxCandidates && Count - _substantial < MaxFragments)
        {
            if (_nextRange == _ranges.Count)
            {
                if (!_reader.Next(out _paragraph))
                {
                    break;
                }

                _ranges.Clear();
                _nextRange = 0;
                SentenceSplitter.SplitParagraph(_paragraph.Span, _ranges);
                continue;
            }

            var sentence = _paragraph[_ranges[_nextRange++]];
            var start = _tokens.Count;
            var count = SentenceTokens.Append(sentence.Span, _tokens);
            var tokens = CollectionsMarshal.AsSpan(_tokens).Slice(start, count);
            if (IsTitleEcho(sentence.Span, tokens, _title, _titleTokens))
            {
                _tokens.RemoveRange(start, count);
                continue;
            }

            var isSubstantial = IsSubstantial(sentence.Span);
            _sentences.Add(new Sentence(sentence, start, count, isSubstantial));
            _substantial += isSubstantial ? 1 : 0;
        }

        // A short article of fragments is still worth showing as it is. Once a substantial
        // sentence turns up the fragments go: only then can the indices read so far move.
        if (_substantial > 0 && _substantial < Count)
        {
            _sentences.RemoveAll(s => !s.Substantial);
        }
    }

    private static bool IsTitleEcho(ReadOnlySpan<char> sentence, ReadOnlySpan<int> tokens, string? title, int[] titleTokens)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return false;
        }

        if (sentence.TrimEnd("。.!！?？ ").Equals(title.AsSpan().Trim().TrimEnd("。.!！?？ "), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return tokens.Length > 0 && titleTokens.Length > 0
            && (double)SentenceTokens.Overlap(tokens, titleTokens) / tokens.Length >= TitleEcho
            && tokens.Length <= titleTokens.Length + 2;
    }

    // Fragments such as "他问道。" or "Officials said." carry no news on their own.
    private static bool IsSubstantial(ReadOnlySpan<char> sentence)
    {
        var cjk = 0;
        var spaces = 0;
        foreach (var c in sentence)
        {
            if (Script.IsCjk(c))
            {
                cjk++;
            }
            else if (c == ' ')
            {
                spaces++;
            }
        }

        return cjk > 0 ? TextLength.Count(sentence) >= 10 : spaces >= 4;
    }
}
