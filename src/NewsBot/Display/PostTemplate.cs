using System.Globalization;
using System.Text;

namespace NewsBot.Display;

/// <summary>The values a template can show.</summary>
public enum Field
{
    Title,
    Summary,
    Text,
    Link,
    Source,
    Author,
    Date,
    Categories,
}

/// <summary>One piece of a template line: literal text, or a placeholder with its length cap or date format.</summary>
public sealed record TemplatePart(string? Literal, Field Field = Field.Title, int? Cap = null, string? DateFormat = null)
{
    public bool IsLiteral => Literal is not null;
}

/// <summary>
/// A post template: text with placeholders <c>{title} {summary} {text} {link} {source} {author} {date} {categories}</c>,
/// <c>{date:yyyy-MM-dd HH:mm}</c> for a format in the channel's time zone, <c>{summary:300}</c> for a length cap, and
/// <c>{{</c> / <c>}}</c> for literal braces. A line whose placeholders all come out empty is left out, so a label never
/// dangles without its value. Parsing checks everything once, so rendering cannot fail.
/// </summary>
public sealed class PostTemplate
{
    public const int MaxLength = 1000;
    public const int MaxFields = 30;
    public const int MaxCap = 4000;
    public const int MaxDateChars = 64;
    public const string DefaultDateFormat = "yyyy-MM-dd HH:mm";

    private static readonly Dictionary<string, Field> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["title"] = Field.Title,
        ["summary"] = Field.Summary,
        ["text"] = Field.Text,
        ["link"] = Field.Link,
        ["url"] = Field.Link,
        ["source"] = Field.Source,
        ["feed"] = Field.Source,
        ["author"] = Field.Author,
        ["date"] = Field.Date,
        ["categories"] = Field.Categories,
        ["tags"] = Field.Categories,
    };

    private PostTemplate(string source, List<List<TemplatePart>> lines)
    {
        Source = source;
        Lines = lines;
    }

    public string Source { get; }

    public IReadOnlyList<IReadOnlyList<TemplatePart>> Lines { get; }

    public bool Uses(Field field) => Lines.Any(l => l.Any(p => !p.IsLiteral && p.Field == field));

    /// <summary>Checks and reads a template. The error names the 1-based character position of the first mistake.</summary>
    public static bool TryParse(string text, out PostTemplate? template, out string? error)
    {
        template = null;
        error = Problem(text, out var lines);
        if (error is null)
        {
            template = new PostTemplate(text, lines);
        }
        return error is null;
    }

    private static string? Problem(string text, out List<List<TemplatePart>> lines)
    {
        lines = [[]];
        if (PostStyles.Resolve(text) is { } style)
        {
            return Problem(style, out lines);
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return "the template is empty";
        }
        if (text.Length > MaxLength)
        {
            return $"the template has {text.Length} characters; at most {MaxLength} are allowed";
        }
        var literal = new StringBuilder();
        var fields = 0;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                continue;
            }
            if (c == '\n')
            {
                Flush(lines, literal);
                lines.Add([]);
                continue;
            }
            if (c == '}')
            {
                if (i + 1 < text.Length && text[i + 1] == '}')
                {
                    literal.Append('}');
                    i++;
                    continue;
                }
                return $"position {i + 1}: '}}' without an opening '{{' (write }}}} for a brace)";
            }
            if (c != '{')
            {
                if (char.IsControl(c) && c != '\t')
                {
                    return $"position {i + 1}: a control character";
                }
                literal.Append(c);
                continue;
            }
            if (i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i++;
                continue;
            }
            var end = text.IndexOfAny(['}', '{', '\n'], i + 1);
            if (end < 0 || text[end] != '}')
            {
                return $"position {i + 1}: '{{' is not closed with '}}'";
            }
            var inner = text[(i + 1)..end];
            var colon = inner.IndexOf(':', StringComparison.Ordinal);
            var name = (colon < 0 ? inner : inner[..colon]).Trim();
            var argument = colon < 0 ? null : inner[(colon + 1)..];
            if (!Names.TryGetValue(name, out var field))
            {
                return $"position {i + 2}: unknown placeholder '{Cut(name)}'; known: {{title}} {{summary}} {{text}} {{link}} {{source}} {{author}} {{date}} {{categories}}";
            }
            if (++fields > MaxFields)
            {
                return $"position {i + 1}: more than {MaxFields} placeholders";
            }
            var part = new TemplatePart(null, field);
            if (argument is not null)
            {
                var at = i + 2 + colon + 1;
                if (field == Field.Date)
                {
                    if (DateProblem(argument) is { } bad)
                    {
                        return $"position {at}: {bad}";
                    }
                    part = part with { DateFormat = argument };
                }
                else if (field == Field.Link)
                {
                    return $"position {at}: {{link}} takes no argument";
                }
                else if (!int.TryParse(argument.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var cap) || cap is < 1 or > MaxCap)
                {
                    return $"position {at}: '{Cut(argument)}' is not a length; write a number from 1 to {MaxCap}, as in {{{name}:200}}";
                }
                else
                {
                    part = part with { Cap = cap };
                }
            }
            Flush(lines[^1], literal);
            lines[^1].Add(part);
            any = true;
            i = end;
        }
        Flush(lines, literal);
        return any ? null : "the template shows nothing of the article; use at least one placeholder, such as {title}";
    }

    private static void Flush(List<List<TemplatePart>> lines, StringBuilder literal) => Flush(lines[^1], literal);

    private static void Flush(List<TemplatePart> line, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            line.Add(new TemplatePart(literal.ToString()));
            literal.Clear();
        }
    }

    private static string? DateProblem(string format)
    {
        if (format.Trim().Length == 0)
        {
            return "the date format is empty";
        }
        try
        {
            var sample = new DateTime(2026, 12, 31, 23, 59, 58, DateTimeKind.Utc).ToString(format, CultureInfo.InvariantCulture);
            if (sample.Length > MaxDateChars)
            {
                return $"the date format makes {sample.Length} characters; at most {MaxDateChars}";
            }
            return null;
        }
        catch (FormatException)
        {
            return $"'{Cut(format)}' is not a date format (try yyyy-MM-dd HH:mm)";
        }
    }

    private static string Cut(string s) => TextClip.Shorten(s, 30);
}
