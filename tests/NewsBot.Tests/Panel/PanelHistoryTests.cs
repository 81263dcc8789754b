using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;
using NewsBot.Tests.Support;
using NewsBot.Tests.Telegram;

namespace NewsBot.Tests.Panel;

/// <summary>Feed health in the panel: the last checks the worker really made, with status codes, new items and errors.</summary>
public sealed class PanelHistoryTests
{
    private const long Ann = 541;
    private const long Chat = -100541;

    [Fact]
    public async Task The_channel_page_lists_each_feeds_last_checks_as_the_worker_made_them()
    {
        await using var h = await TelegramHarness.StartAsync();
        var url = h.PanelUrl;
        h.Fake.AddChat(Chat, "supergroup", "Checks desk", (Ann, "administrator"));
        h.Feeds.AddItem("hist", "a", "First story", "text");
        h.Feeds.AddItem("hist", "b", "Second story", "text");
        long working, gone, channelId;
        await using (var db = h.Dbs.Create())
        {
            var now = DateTime.UtcNow;
            var channel = new ChatChannel { Platform = Platforms.Telegram, ExternalId = Chat.ToString(System.Globalization.CultureInfo.InvariantCulture), ThreadId = "", CreatedAt = now };
            var ok = new Feed { Url = h.Feeds.UrlOf("hist"), Title = "Working feed", CreatedAt = now, NextCheckAt = now };
            var missing = new Feed { Url = h.Feeds.UrlOf("nothing-here"), Title = "Gone feed", CreatedAt = now, NextCheckAt = now };
            db.Subscriptions.AddRange(new Subscription { Feed = ok, Channel = channel, CreatedAt = now }, new Subscription { Feed = missing, Channel = channel, CreatedAt = now });
            await db.SaveChangesAsync();
            (working, gone, channelId) = (ok.Id, missing.Id, channel.Id);
        }

        // The working feed: fetched once with its two items, then answered 304 (no entry, shown as a run); the other one 404.
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            await using var db = h.Dbs.Create();
            var feeds = await db.Feeds.AsNoTracking().Where(f => f.Id == working || f.Id == gone).ToListAsync();
            var ok = feeds.Single(f => f.Id == working);
            var history = CheckHistory.Read(ok.RecentChecks);
            return history.Count == 1 && ok.LastCheckedAt > history[0].At.AddSeconds(1) && CheckHistory.Read(feeds.Single(f => f.Id == gone).RecentChecks).Count >= 1;
        }, TimeSpan.FromSeconds(30)), "the worker did not check both feeds");

        using var client = await TelegramLoginLink.SignedInAsync(url, Ann);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"{url}/channels/{channelId}"));
        var rows = Regex.Matches(page, "<tr class=\"check (ok|bad)\"><td>[^<]+</td>\\s*<td>([^<]+)</td>\\s*<td>([^<]+)</td></tr>")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();
        Assert.Equal("ok", rows[0].Item1);
        Assert.Equal("304", rows[0].Item2);
        Assert.StartsWith("unchanged since ", rows[0].Item3, StringComparison.Ordinal);
        Assert.Equal(("ok", "200", "2 new"), rows[1]);
        Assert.Contains(rows.Skip(2), r => r.Item1 == "bad" && r.Item2 == "404" && r.Item3.Contains("404", StringComparison.Ordinal));
        Assert.DoesNotContain(rows.Skip(2), r => r.Item1 == "ok");
    }
}
