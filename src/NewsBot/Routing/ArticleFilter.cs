using System.Text;
using System.Text.RegularExpressions;

namespace NewsBot.Routing;

/// <summary>
/// A parsed subscription filter or topic query. Syntax: words and "quoted phrases" are all required; OR (or |)
/// separates alternatives; -word, -"phrase" and -/regex/ exclude; /regex/ matches a regular expression.
/// Matching is on title and text, case- and width-insensitive; Latin words match on word boundaries, CJK terms
/// as substrings. Parse once (at subscribe time, which is where a bad filter is reported), match many times.
/// </summary>
public sealed class ArticleFilter
{
    public const int MaxLength = 500;
    public const int MaxTerms = 40;
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);

    private readonly List<List<Term>> _alternatives;
    private readonly List<Term> _excluded;

    private ArticleFilter(string source, List<List<Term>> alternatives, List<Term> excluded)
    {
        Source = source;
        _alternatives = alternatives;
        _excluded = excluded;
    }

    public string Source { get; }

    /// <summary>Parses <paramref name="text"/>; false with a one-line reason a person can act on.</summary>
    public static bool TryParse(string? text, out ArticleFilter filter, out string error)
    {
        filter = null!;
        error = "";
        var source = (text ?? "").Trim();
        if (source.Length == 0)
        {
            error = "the filter is empty";
            return false;
        }
        if (source.Length > MaxLength)
        {
            error = $"the filter is longer than {MaxLength} characters";
            return false;
        }
        var alternatives = new List<List<Term>> { new() };
        var excluded = new List<Term>();
        var count = 0;
        var i = 0;
        while (i < source.Length)
        {
            if (char.IsWhiteSpace(source[i]))
            {
                i++;
                continue;
            }
            var negate = false;
            if (source[i] is '-' or '－' && i + 1 < source.Length && !char.IsWhiteSpace(source[i + 1]))
            {
                negate = true;
                i++;
            }
            Term term;
            var c = source[i];
            if (c is '"' or '“' or '”' or '「')
            {
                var close = source.IndexOfAny(['"', '“', '”', '」'], i + 1);
                if (close < 0)
                {
                    error = $"a quote opened at character {i + 1} is never closed";
                    return false;
                }
                var phrase = TextFold.Fold(source[(i + 1)..close]);
                i = close + 1;
                if (phrase.Length == 0)
                {
                    continue;
                }
                term = Term.Text(phrase);
            }
            else if (c == '/')
            {
                var close = ClosingSlash(source, i + 1);
                if (close < 0)
                {
                    error = $"a /regular expression/ opened at character {i + 1} is never closed";
                    return false;
                }
                var pattern = source[(i + 1)..close].Replace("\\/", "/", StringComparison.Ordinal);
                i = close + 1;
                try
                {
                    term = Term.Pattern(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout));
                }
                catch (ArgumentException e)
                {
                    error = $"/{Shorten(pattern)}/ is not a valid regular expression: {e.Message.Split('\n')[0].Split(" - ", 2)[^1]}";
                    return false;
                }
            }
            else
            {
                var start = i;
                while (i < source.Length && !char.IsWhiteSpace(source[i]))
                {
                    i++;
                }
                var word = source[start..i];
                if (!negate && word is "OR" or "|")
                {
                    if (alternatives[^1].Count > 0)
                    {
                        alternatives.Add([]);
                    }
                    continue;
                }
                term = Term.Text(TextFold.Fold(word));
            }
            if (++count > MaxTerms)
            {
                error = $"the filter has more than {MaxTerms} terms";
                return false;
            }
            (negate ? excluded : alternatives[^1]).Add(term);
        }
        alternatives.RemoveAll(a => a.Count == 0);
        if (alternatives.Count == 0 && excluded.Count == 0)
        {
            error = "the filter has no words";
            return false;
        }
        filter = new ArticleFilter(source, alternatives, excluded);
        return true;
    }

    /// <summary>Parses a filter already validated when it was saved; a stored filter that no longer parses passes nothing.</summary>
    public static ArticleFilter? ParseStored(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : TryParse(text, out var f, out _) ? f : Nothing;

    private static readonly ArticleFilter Nothing = new("", [[Term.Pattern(new Regex("(?!)", RegexOptions.None, RegexTimeout))]], []);

    public bool Matches(string? title, string? text) => Matches(FoldedArticle(title, text));

    /// <summary>Matches an article already folded with <see cref="FoldedArticle"/> (fold once, test many filters).</summary>
    public bool Matches(string folded)
    {
        foreach (var term in _excluded)
        {
            if (term.IsIn(folded))
            {
                return false;
            }
        }
        return _alternatives.Count == 0 || _alternatives.Any(all => all.All(t => t.IsIn(folded)));
    }

    public static string FoldedArticle(string? title, string? text)
    {
        var sb = new StringBuilder();
        sb.Append(title).Append('\n').Append(text);
        return TextFold.Fold(sb.ToString());
    }

    public override string ToString() => Source;

    private static int ClosingSlash(string s, int from)
    {
        for (var j = from; j < s.Length; j++)
        {
            if (s[j] == '\\')
            {
                j++;
            }
            else if (s[j] == '/')
            {
                return j;
            }
        }
        return -1;
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private sealed class Term
    {
        private string? _text;
        private Regex? _regex;

        public static Term Text(string folded) => new() { _text = folded };

        public static Term Pattern(Regex regex) => new() { _regex = regex };

        public bool IsIn(string folded)
        {
            if (_regex is not null)
            {
                try
                {
                    return _regex.IsMatch(folded);
                }
                catch (RegexMatchTimeoutException)
                {
                    // A pathological pattern on a long article counts as no match rather than stalling routing.
                    return false;
                }
            }
            return ContainsTerm(folded, _text!);
        }

        /// <summary>Substring search; where the term starts or ends with a Latin letter or digit, that edge must be a word boundary.</summary>
        private static bool ContainsTerm(string text, string term)
        {
            var checkStart = TextFold.IsWordChar(term[0]);
            var checkEnd = TextFold.IsWordChar(term[^1]);
            for (var at = text.IndexOf(term, StringComparison.Ordinal); at >= 0; at = text.IndexOf(term, at + 1, StringComparison.Ordinal))
            {
                var end = at + term.Length;
                if ((!checkStart || at == 0 || !TextFold.IsWordChar(text[at - 1]))
                    && (!checkEnd || end == text.Length || !TextFold.IsWordChar(text[end])))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
