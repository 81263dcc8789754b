using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Telegram;

namespace NewsBot.Tests.Panel;

/// <summary>"Why was this article (not) delivered?" over HTTP against the real host, signed in with a computed Telegram login.</summary>
public sealed class PanelWhyTests
{
    private const long Ann = 511;

    [Fact]
    public async Task Each_outcome_is_explained_from_the_rows_the_pipeline_left()
    {
        await using var h = await TelegramHarness.StartAsync();
        var url = h.PanelUrl;
        var (feedId, channelId) = await h.AdminChannelAsync(-100311, Ann);
        var now = DateTime.UtcNow;
        await using (var db = h.Dbs.Create())
        {
            var feed = await db.Feeds.SingleAsync(f => f.Id == feedId);
            feed.PrimedAt = now.AddHours(-2);
            var subscription = await db.Subscriptions.SingleAsync(s => s.ChannelId == channelId);
            subscription.CreatedAt = now.AddHours(-2);
            subscription.Filter = "rocket";
            Article Stored(string slug, string title, DateTime seen) => new()
            {
                FeedId = feedId,
                DedupeKey = slug,
                Title = title,
                Url = "https://news.example.com/a/" + slug,
                Text = title + " body.",
                PublishedAt = seen,
                FirstSeenAt = seen,
            };
            db.Articles.Add(Stored("primed", "Old item from the first read", now.AddHours(-3)));
            db.Articles.Add(Stored("filtered", "Harvest festival opens", now.AddHours(-1)));
            var sent = Stored("sent", "Rocket launch succeeds", now.AddMinutes(-30));
            var retrying = Stored("retrying", "Rocket engine test delayed", now.AddMinutes(-10));
            db.Outbox.Add(new OutboxEntry { ChannelId = channelId, Article = sent, State = OutboxState.Sent, SentAt = now.AddMinutes(-29), PlatformMessageId = "4242", Nonce = Router.NewNonce(), CreatedAt = now, NextAttemptAt = now });
            db.Outbox.Add(new OutboxEntry { ChannelId = channelId, Article = retrying, State = OutboxState.Pending, Attempts = 2, LastError = "HTTP 502 from Telegram", Nonce = Router.NewNonce(), CreatedAt = now, NextAttemptAt = now.AddMinutes(5) });
            await db.SaveChangesAsync();
        }

        using var client = await TelegramLoginLink.SignedInAsync(url, Ann);
        async Task<string> Why(string link) => await client.GetStringAsync($"{url}/channels/{channelId}/why?url={Uri.EscapeDataString(link)}");

        Assert.Contains("/why\"", await client.GetStringAsync($"{url}/channels/{channelId}"), StringComparison.Ordinal);
        Assert.Contains("delivered at", await Why("https://news.example.com/a/sent"), StringComparison.Ordinal);
        Assert.Contains("message 4242", await Why("https://news.example.com/a/sent"), StringComparison.Ordinal);
        var retried = WebUtility.HtmlDecode(await Why("https://news.example.com/a/retrying"));
        Assert.Contains("attempt 2 failed (HTTP 502 from Telegram)", retried, StringComparison.Ordinal);
        var filtered = WebUtility.HtmlDecode(await Why(" https://news.example.com/a/filtered "));
        Assert.Contains("the filter \"rocket\" does not match it", filtered, StringComparison.Ordinal);
        Assert.Contains("stored silently", await Why("https://news.example.com/a/primed"), StringComparison.Ordinal);
        Assert.Contains("id=\"why-none\"", await Why("https://elsewhere.example/never-seen"), StringComparison.Ordinal);

        // After unsubscribing, a later article of that feed is explained by the missing subscription.
        await using (var db = h.Dbs.Create())
        {
            await db.Subscriptions.Where(s => s.ChannelId == channelId).ExecuteDeleteAsync();
            db.Articles.Add(new Article { FeedId = feedId, DedupeKey = "later", Title = "Later story", Url = "https://news.example.com/a/later", PublishedAt = now, FirstSeenAt = now });
            await db.SaveChangesAsync();
        }
        Assert.Contains("does not follow Example News", await Why("https://news.example.com/a/later"), StringComparison.Ordinal);
    }
}
