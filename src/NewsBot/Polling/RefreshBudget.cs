using NewsBot.Feeds;
using NewsBot.Summaries;

namespace NewsBot.Polling;

/// <summary>
/// How long one refresh may take before its first write: the fetch, then one LLM call and its retry. A feed claim must
/// have at least this much left when a refresh starts, or another instance may think the feed abandoned and poll it too.
/// </summary>
public static class RefreshBudget
{
    public static TimeSpan Of(FeedsOptions feeds, SummariesOptions summaries) =>
        feeds.Timeout + (summaries.Provider == SummaryProvider.Llm ? 2 * summaries.Llm.Timeout : TimeSpan.Zero);
}
