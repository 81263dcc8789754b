namespace NewsBot.Discord;

/// <summary>Discord's documented message limits, and a check that names the first one broken.</summary>
public static class DiscordLimits
{
    /// <summary>Message content (the OpenAPI spec says 4000; the documentation and the server say 2000 for bots).</summary>
    public const int Content = 2000;
    /// <summary>Embeds per message.</summary>
    public const int EmbedsPerMessage = 10;
    /// <summary>All embed text of one message together.</summary>
    public const int EmbedTotal = 6000;
    /// <summary>Embed title.</summary>
    public const int EmbedTitle = 256;
    /// <summary>Embed description.</summary>
    public const int EmbedDescription = 4096;
    /// <summary>Fields per embed.</summary>
    public const int EmbedFields = 25;
    /// <summary>Field name.</summary>
    public const int FieldName = 256;
    /// <summary>Field value.</summary>
    public const int FieldValue = 1024;
    /// <summary>Footer text.</summary>
    public const int FooterText = 2048;
    /// <summary>Author name.</summary>
    public const int AuthorName = 256;
    /// <summary>Nonce length.</summary>
    public const int Nonce = 25;
    /// <summary>Thread (and forum post) name.</summary>
    public const int ThreadName = 100;
    /// <summary>Autocomplete and option choices.</summary>
    public const int MaxChoices = 25;
    /// <summary>Bytes of files one request may upload, without a boosted server's higher limit (10 MiB).</summary>
    public const long UploadBytes = 10 * 1024 * 1024;
    /// <summary>Files per message.</summary>
    public const int FilesPerMessage = 10;
    /// <summary>Length of an attachment's file name.</summary>
    public const int FileName = 1024;

    /// <summary>The characters of embed text that count toward <see cref="EmbedTotal"/>.</summary>
    public static int EmbedLength(Embed embed) =>
        (embed.Title?.Length ?? 0) + (embed.Description?.Length ?? 0)
        + (embed.Footer?.Text.Length ?? 0) + (embed.Author?.Name.Length ?? 0)
        + (embed.Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);

    /// <summary>Returns one line naming the first broken limit, or null when the message fits.</summary>
    public static string? Check(string? content, IReadOnlyList<Embed>? embeds, string? nonce = null)
    {
        if (content is { Length: > Content })
        {
            return $"content has {content.Length} characters; Discord allows {Content}";
        }
        if (nonce is { Length: > Nonce })
        {
            return $"nonce has {nonce.Length} characters; Discord allows {Nonce}";
        }
        if (embeds is null)
        {
            return null;
        }
        if (embeds.Count > EmbedsPerMessage)
        {
            return $"{embeds.Count} embeds; Discord allows {EmbedsPerMessage}";
        }
        var total = 0;
        for (var i = 0; i < embeds.Count; i++)
        {
            var e = embeds[i];
            var problem = Over(e.Title, EmbedTitle, "title") ?? Over(e.Description, EmbedDescription, "description")
                ?? Over(e.Footer?.Text, FooterText, "footer text") ?? Over(e.Author?.Name, AuthorName, "author name");
            if (problem is null && e.Fields is { Count: > EmbedFields })
            {
                problem = $"has {e.Fields.Count} fields; Discord allows {EmbedFields}";
            }
            problem ??= e.Fields?.Select(f => Over(f.Name, FieldName, "field name") ?? Over(f.Value, FieldValue, "field value"))
                .FirstOrDefault(p => p is not null);
            if (problem is not null)
            {
                return $"embed {i}: {problem}";
            }
            total += EmbedLength(e);
        }
        return total > EmbedTotal ? $"embeds hold {total} characters together; Discord allows {EmbedTotal}" : null;
    }

    private static string? Over(string? value, int max, string what) =>
        value is { Length: var n } && n > max ? $"{what} has {n} characters; Discord allows {max}" : null;
}
