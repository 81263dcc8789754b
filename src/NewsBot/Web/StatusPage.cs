using System.Globalization;
using System.Net;
using System.Text;
using NewsBot.Routing;
using NewsBot.Storage;

namespace NewsBot.Web;

/// <summary>
/// The status page as plain server-rendered HTML: no script, so it works in any browser and over SSH tunnels.
/// Everything that comes from a feed or a chat is HTML-encoded; links from feeds are only made for http(s) URLs.
/// </summary>
public static class StatusPage
{
    public static string Render(StatusSnapshot s, string instance)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="30"><title>NewsBot status</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
            table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
            th{background:#f4f4f4}.bad{color:#b00020}.ok{color:#17702a}.muted{color:#777}.num{text-align:right}
            </style></head><body>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<h1>NewsBot status</h1><p class=\"muted\">Instance {E(instance)} · {Time(s.Now)} UTC · refreshes every 30 s</p>");

        var pending = s.Backlog.GetValueOrDefault(OutboxState.Pending);
        html.Append("<h2 id=\"backlog\">Delivery backlog</h2><table><tr><th>Pending</th><th>Waiting for digest</th><th>Failed</th><th>Sent</th><th>Oldest pending</th></tr>");
        html.Append(CultureInfo.InvariantCulture,
            $"<tr><td class=\"num\" id=\"pending\">{pending}</td><td class=\"num\">{s.Backlog.GetValueOrDefault(OutboxState.Digest)}</td><td class=\"num\">{s.Backlog.GetValueOrDefault(OutboxState.Failed)}</td><td class=\"num\">{s.Backlog.GetValueOrDefault(OutboxState.Sent)}</td><td>{(s.OldestPending is { } o ? Ago(s.Now, o) : "—")}</td></tr></table>");

        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"feeds\">Feeds</h2><p>{s.FeedCount} feeds · <span class=\"{(s.FailingCount > 0 ? "bad" : "ok")}\">{s.FailingCount} failing</span> · {s.DisabledCount} disabled");
        if (s.FeedCount > s.Feeds.Count)
        {
            html.Append(CultureInfo.InvariantCulture, $" · showing {s.Feeds.Count}, failing first");
        }
        html.Append("</p><table><tr><th>Feed</th><th>Last success</th><th>Last error</th><th>Next check</th><th>Backoff</th></tr>");
        foreach (var f in s.Feeds)
        {
            var state = f.DisabledAt is not null ? "<span class=\"bad\">disabled</span>"
                : f.ErrorCount > 0 ? $"<span class=\"bad\">{f.ErrorCount} failure{(f.ErrorCount == 1 ? "" : "s")} in a row</span>"
                : "<span class=\"ok\">none</span>";
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"feed\"><td>{Link(f.Url, f.Title ?? f.Url)}<br><span class=\"muted\">{E(f.Url)}</span></td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{(f.LastSuccessAt is { } ok ? Ago(s.Now, ok) : "never")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"bad\">{E(f.LastError ?? "")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{(f.DisabledAt is null ? In(s.Now, f.NextCheckAt) : "—")}</td><td>{state}</td></tr>");
        }
        html.Append("</table>");

        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"channels\">Channels</h2><table><tr><th>Channel</th><th>State</th><th>Subscriptions</th><th>Merged in the last day</th></tr>");
        foreach (var c in s.Channels)
        {
            var name = $"{c.Platform}:{c.ExternalId}{(c.ThreadId.Length > 0 ? "/" + c.ThreadId : "")}";
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"channel\"><td>{E(name)}{(c.Title is null ? "" : $"<br><span class=\"muted\">{E(c.Title)}</span>")}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{(c.PausedReason is null ? "<span class=\"ok\">active</span>" : $"<span class=\"bad\">paused: {E(c.PausedReason)}</span>")}</td><td><ul>");
            foreach (var sub in c.Subscriptions)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(sub.What)} <span class=\"muted\">({(sub.Mode == DeliveryMode.Digest ? "digest" : "immediate")}{(sub.Filter is null ? "" : ", filter " + E(sub.Filter))})</span></li>");
            }
            html.Append("</ul></td>");
            html.Append(Merges(c.Merges));
            html.Append("</tr>");
        }
        html.Append("</table>");

        html.Append("<h2 id=\"recent\">Recent posts</h2><table><tr><th>Sent</th><th>Channel</th><th>Article</th><th>Feed</th></tr>");
        foreach (var p in s.RecentPosts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"post\"><td>{Ago(s.Now, p.SentAt)}</td><td>{E(p.Channel)}</td><td>{(p.Url is null ? E(p.Title) : Link(p.Url, p.Title))}</td><td>{E(p.Feed)}</td></tr>");
        }
        html.Append("</table></body></html>");
        return html.ToString();
    }

    /// <summary>How many articles joined another feed's post of the same story, and into which posts.</summary>
    private static string Merges(MergeReport.Summary? merges)
    {
        if (merges is null)
        {
            return "<td class=\"merges num\">0</td>";
        }
        var cell = new StringBuilder();
        cell.Append(CultureInfo.InvariantCulture, $"<td class=\"merges\"><span class=\"num\">{merges.Count}</span><ul>");
        foreach (var m in merges.Latest)
        {
            var state = m.NotShownBecause is { } why ? $"<span class=\"bad\">source not added: {E(why)}</span>"
                : m.Shown ? "<span class=\"ok\">listed</span>" : "<span class=\"muted\">listed when posted</span>";
            cell.Append(CultureInfo.InvariantCulture, $"<li>{E(m.From)} → “{E(m.Into)}” <span class=\"muted\">({E(m.IntoFeed)})</span> {state}</li>");
        }
        return cell.Append("</ul></td>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Link(string url, string text) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)
            ? $"<a href=\"{E(u.AbsoluteUri)}\" rel=\"noopener noreferrer nofollow\">{E(text)}</a>"
            : E(text);

    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Ago(DateTime now, DateTime then) => $"<time datetime=\"{then:O}\" title=\"{Time(then)} UTC\">{Span(now - then)} ago</time>";

    private static string In(DateTime now, DateTime then) =>
        then <= now ? $"<time datetime=\"{then:O}\">due now</time>" : $"<time datetime=\"{then:O}\" title=\"{Time(then)} UTC\">in {Span(then - now)}</time>";

    private static string Span(TimeSpan d) => d.TotalSeconds < 0 ? "0 s"
        : d.TotalMinutes < 1 ? $"{d.TotalSeconds:0} s"
        : d.TotalHours < 1 ? $"{d.TotalMinutes:0} min"
        : d.TotalDays < 1 ? $"{d.TotalHours:0.#} h"
        : $"{d.TotalDays:0.#} d";
}
