using Microsoft.EntityFrameworkCore;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Summaries;

namespace NewsBot.Polling;

/// <summary>
/// Summaries in the channel's language: for each article and each language its recipients read (other than the
/// article's own), one LLM call before the refresh's transaction, written onto the outbox rows that routing adds. Without
/// the LLM nothing is translated (Chinese channels still get their script at delivery, offline).
/// </summary>
public sealed class SummaryTranslations(LlmArticleSummarizer? llm = null)
{
    public bool Available => llm is not null;

    public sealed class Prepared
    {
        internal Dictionary<long, string> ChannelLanguages { get; } = [];
        internal Dictionary<(Article Article, string Language), (string Title, string Summary)> Texts { get; } = [];

        /// <summary>Puts the translations onto the outbox rows routing added to <paramref name="db"/> (not saved).</summary>
        public void Assign(NewsBotDb db)
        {
            if (Texts.Count == 0)
            {
                return;
            }
            foreach (var entry in db.ChangeTracker.Entries<OutboxEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity))
            {
                if (entry.Article is { } article && ChannelLanguages.TryGetValue(entry.ChannelId, out var language)
                    && Texts.TryGetValue((article, language), out var text))
                {
                    entry.TranslatedTitle = text.Title;
                    entry.TranslatedSummary = text.Summary;
                }
            }
        }
    }

    public async Task<Prepared> PrepareAsync(NewsBotDb db, Router.RoutePlan plan, CancellationToken ct)
    {
        var prepared = new Prepared();
        if (llm is null || plan.Deliveries.Count == 0)
        {
            return prepared;
        }
        var channelIds = plan.Deliveries.Select(d => d.ChannelId).Distinct().ToList();
        var languages = await db.Channels.AsNoTracking()
            .Where(c => channelIds.Contains(c.Id) && c.SummaryLanguage != null)
            .Select(c => new { c.Id, c.SummaryLanguage })
            .ToListAsync(ct);
        foreach (var c in languages)
        {
            prepared.ChannelLanguages[c.Id] = c.SummaryLanguage!;
        }
        var wanted = plan.Deliveries
            .Where(d => prepared.ChannelLanguages.ContainsKey(d.ChannelId))
            .Select(d => (d.Article, Language: prepared.ChannelLanguages[d.ChannelId]))
            .Where(x => SummaryLanguages.NeedsTranslation(x.Language, x.Article.Language))
            .Distinct()
            .ToList();
        foreach (var (article, language) in wanted)
        {
            if (await llm.SummarizeInAsync(article.Title, article.PageText ?? article.Text ?? "", language, ct) is { } text)
            {
                prepared.Texts[(article, language)] = text;
            }
        }
        return prepared;
    }
}
