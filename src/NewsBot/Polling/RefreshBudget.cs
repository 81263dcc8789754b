using NewsBot.Feeds;
using NewsBot.Summaries;

namespace NewsBot.Polling;

/// <summary>
/// How long one refresh may take before its first write: the fetch, the teasers' pages (one deadline for all), then one
/// LLM call, its retry and a summary in a channel's language. A feed claim must have at least this much left when a
/// refresh starts, or another instance may think the feed abandoned and poll it too.
/// </summary>
public static class RefreshBudget
{
    public static TimeSpan Of(FeedsOptions feeds, SummariesOptions summaries) =>
        feeds.Timeout + feeds.FullTextTimeout + (summaries.Provider == SummaryProvider.Llm ? 3 * summaries.Llm.Timeout : TimeSpan.Zero);
}
