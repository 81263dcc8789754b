using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NewsBot.Feeds;

namespace NewsBot.Cli;

/// <summary>The `preview --json` line for one input, in the shape DESIGN.md fixes.</summary>
internal static class PreviewJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static string Line(string source, PreviewOutcome outcome)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("source", source);
            if (outcome.Feed is not { } feed)
            {
                w.WriteBoolean("ok", false);
                w.WriteString("error", outcome.Error ?? "unknown error");
            }
            else
            {
                w.WriteBoolean("ok", true);
                w.WriteString("format", feed.Format);
                w.WriteString("title", feed.Title);
                w.WriteString("link", feed.Link);
                w.WriteString("description", feed.Description);
                w.WriteString("image", feed.Image);
                Author(w, feed.Author);
                Strings(w, "categories", feed.Categories);
                Date(w, "published", feed.Published);
                Date(w, "updated", feed.Updated);
                w.WriteStartArray("items");
                for (int i = 0; i < feed.Items.Count; i++)
                {
                    var page = outcome.Pages is { } pages && i < pages.Count ? pages[i] : null;
                    Item(w, feed.Items[i], i < outcome.Summaries.Count ? outcome.Summaries[i] : null, page, outcome.Merges, i,
                        outcome.Rendered is { } rendered && i < rendered.Count ? rendered[i] : null);
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Item(Utf8JsonWriter w, FeedItem item, string? summary, Storage.Article? page, IReadOnlyList<Routing.Router.WouldMerge?>? merges, int index, string? rendered)
    {
        w.WriteStartObject();
        w.WriteString("id", item.Id);
        w.WriteString("title", item.Title);
        w.WriteString("link", item.Link);
        Date(w, "published", item.Published);
        Date(w, "updated", item.Updated);
        Author(w, item.Author);
        Strings(w, "categories", item.Categories);
        w.WriteString("summaryHtml", item.SummaryHtml);
        w.WriteString("contentHtml", item.ContentHtml);
        w.WriteString("text", item.Text);
        // The page's og:image when the feed had none, as the bot would post it.
        w.WriteString("image", item.Image ?? page?.ImageUrl);
        w.WriteStartArray("enclosures");
        foreach (var e in item.Enclosures)
        {
            w.WriteStartObject();
            w.WriteString("url", e.Url);
            w.WriteString("type", e.Type);
            if (e.Length is long len)
                w.WriteNumber("length", len);
            else
                w.WriteNull("length");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("summary", summary);
        w.WriteString("textSource", page?.PageText is null ? "feed" : "page");
        w.WriteString("pageUrl", page?.PageUrl);
        w.WriteString("pageNote", page?.PageNote);
        if (merges is not null)
        {
            // Only with --channel: null when the channel would get the item as a post of its own.
            if (index < merges.Count && merges[index] is { } merge)
            {
                w.WriteStartObject("mergesInto");
                w.WriteNumber("outboxId", merge.IntoRowId);
                w.WriteString("title", merge.IntoTitle);
                w.WriteString("feed", merge.IntoFeed);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("mergesInto");
            }
            w.WriteString("rendered", rendered);
        }
        w.WriteEndObject();
    }

    private static void Author(Utf8JsonWriter w, FeedAuthor? author)
    {
        if (author is null)
        {
            w.WriteNull("author");
            return;
        }
        w.WriteStartObject("author");
        w.WriteString("name", author.Name);
        w.WriteString("email", author.Email);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void Date(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } d)
            w.WriteString(name, d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        else
            w.WriteNull(name);
    }
}
