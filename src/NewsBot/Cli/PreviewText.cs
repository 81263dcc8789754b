using System.Globalization;
using System.Text;

namespace NewsBot.Cli;

/// <summary>The readable `preview` output: the feed's title, then per item its title, link, date, image and summary.</summary>
internal static class PreviewText
{
    public static string Render(string source, PreviewOutcome outcome)
    {
        var sb = new StringBuilder();
        if (outcome.Feed is not { } feed)
        {
            sb.Append("✗ ").Append(source).Append(": ").AppendLine(outcome.Error);
            return sb.ToString();
        }
        sb.Append("# ").Append(feed.Title ?? "(untitled feed)").Append("  [").Append(feed.Format).Append(", ")
            .Append(feed.Items.Count.ToString(CultureInfo.InvariantCulture)).Append(feed.Items.Count == 1 ? " item" : " items").Append("]  ").AppendLine(source);
        if (feed.Link is not null)
            sb.Append("  ").AppendLine(feed.Link);
        for (int i = 0; i < feed.Items.Count; i++)
        {
            var item = feed.Items[i];
            sb.AppendLine();
            sb.Append("## ").AppendLine(item.Title ?? "(untitled)");
            if (item.Link is not null)
                sb.Append("   link:  ").AppendLine(item.Link);
            if ((item.Published ?? item.Updated) is { } date)
                sb.Append("   date:  ").AppendLine(date.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
            var page = outcome.Pages is { } pages && i < pages.Count ? pages[i] : null;
            if ((item.Image ?? page?.ImageUrl) is { } image)
                sb.Append("   image: ").AppendLine(image);
            if (page?.PageText is not null)
                sb.Append("   text:  from the page ").AppendLine(page.PageUrl);
            else if (page?.PageNote is { } note)
                sb.Append("   text:  from the feed; the page was not used: ").AppendLine(note);
            string? summary = i < outcome.Summaries.Count ? outcome.Summaries[i] : null;
            if (!string.IsNullOrWhiteSpace(summary))
                sb.Append("   ").AppendLine(summary.Replace("\n", "\n   ", StringComparison.Ordinal));
            if (outcome.Merges is { } merges && i < merges.Count && merges[i] is { } merge)
                sb.Append("   ↳ this channel would merge it into \"").Append(merge.IntoTitle).Append("\" (").Append(merge.IntoFeed).AppendLine(") instead of posting it");
            else if (outcome.Rendered is { } rendered && i < rendered.Count)
                sb.AppendLine("   ↳ as this channel would read it:").Append("   │ ").AppendLine(rendered[i].Replace("\n", "\n   │ ", StringComparison.Ordinal));
        }
        sb.AppendLine();
        return sb.ToString();
    }
}
