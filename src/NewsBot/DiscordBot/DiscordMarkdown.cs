using System.Text;
using NewsBot.Display;

namespace NewsBot.DiscordBot;

/// <summary>
/// Rendered template lines as Discord Markdown: the template's own text as written (an admin may use Markdown there), the
/// feed's values escaped so they can never format, link or mention.
/// </summary>
public static class DiscordMarkdown
{
    public static string Render(IReadOnlyList<IReadOnlyList<Piece>> lines)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('\n');
            }
            foreach (var piece in lines[i])
            {
                var url = PostEmbeds.HttpUrl(piece.Url);
                switch (piece.Kind)
                {
                    case PieceKind.Title when url is not null:
                        sb.Append("**[").Append(EscapeLinkText(piece.Text)).Append("](").Append(url).Append(")**");
                        break;
                    case PieceKind.Title:
                        sb.Append("**").Append(Escape(piece.Text)).Append("**");
                        break;
                    case PieceKind.Link when url is not null && piece.Text == piece.Url:
                        sb.Append(url);
                        break;
                    case PieceKind.Link or PieceKind.Source when url is not null:
                        sb.Append('[').Append(EscapeLinkText(piece.Text)).Append("](").Append(url).Append(')');
                        break;
                    case PieceKind.Literal:
                        sb.Append(piece.Text);
                        break;
                    case PieceKind.Date:
                        sb.Append('*').Append(Escape(piece.Text)).Append('*');
                        break;
                    default:
                        sb.Append(Escape(piece.Text));
                        break;
                }
            }
        }
        return sb.ToString();
    }

    /// <summary>Backslash before every character Discord's Markdown gives a meaning, and before a line's leading '#', '-' or '>'.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        var lineStart = true;
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '[' or ']' or '<' or '>' or '@' || (lineStart && c is '#' or '-'))
            {
                sb.Append('\\');
            }
            sb.Append(c);
            lineStart = c == '\n' || (lineStart && c == ' ');
        }
        return sb.ToString();
    }

    private static string EscapeLinkText(string text) => Escape(text.Replace('[', '(').Replace(']', ')'));
}
